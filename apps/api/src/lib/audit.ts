import type { Db } from "@crm/db";
import type { Actor } from "./actor";

type Tx = Pick<Db, "auditLog">;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

const toJson = (value: unknown) =>
  value === undefined
    ? null
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Writes one audit row; call it with the transaction that makes the change. */
export function audit(tx: Tx, actor: Actor | null, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      requestId: actor?.requestId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}
