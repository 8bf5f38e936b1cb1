import { writeAudit } from "@crm/db";
import type { Actor } from "./actor";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it with the transaction that makes the change. */
export function audit(
  tx: Parameters<typeof writeAudit>[0],
  actor: Actor | null,
  entry: AuditEntry,
) {
  return writeAudit(tx, actor ? { id: actor.id, requestId: actor.requestId ?? null } : null, entry);
}
