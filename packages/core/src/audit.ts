import { auditEvents, type TAuditEvent } from "@crm/contracts";
import type { Db, DbProvider } from "@crm/db";
import { insertRows, timestamp, type RawWriter } from "./sql";
import { reportPublicChange, reportPublicChanges } from "./landing/changes";

/**
 * Who made a change: a user (`id`), or the system (`id: null`: a scheduled job, the bot acting
 * for a prospect). `requestId` ties the row to the request, job or update that caused it.
 */
export interface AuditActor {
  id: number | null;
  requestId?: string | null;
}

const json = (value: unknown) =>
  value === undefined || value === null
    ? null
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v));

/**
 * Writes one AuditLog row; call it with the transaction that makes the change. Only the events
 * listed in the contracts are accepted, and their before/after are checked against the listed
 * shapes, so every row can be read back and described.
 */
export async function audit(
  tx: Pick<Db, "auditLog" | "apartment" | "complex">,
  actor: AuditActor | null,
  event: TAuditEvent,
): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, event) });
  // Every change to a flat or a complex is audited, so this is the one place that tells the
  // landing pages' cache about all of them.
  await reportPublicChange(tx, auditEvents[event.action].entity, event.entityId, [
    (event as { before?: { slug?: unknown } }).before?.slug,
    (event as { after?: { slug?: unknown } }).after?.slug,
  ]);
}

function auditRow(actor: AuditActor | null, event: TAuditEvent) {
  const def = auditEvents[event.action];
  const before = "before" in def ? def.before.parse(event.before) : undefined;
  const after = "after" in def ? def.after.parse(event.after) : undefined;
  return {
    actorId: actor?.id ?? null,
    requestId: actor?.requestId ?? null,
    action: event.action,
    entity: def.entity,
    entityId: String(event.entityId),
    before: json(before),
    after: json(after),
  };
}

/**
 * Many audit rows in multi-row statements (an import writes one per flat it touches); each event
 * is checked exactly as `audit()` checks it.
 */
export async function auditMany(
  tx: Pick<Db, "apartment" | "complex"> & RawWriter,
  provider: DbProvider,
  actor: AuditActor | null,
  events: readonly TAuditEvent[],
): Promise<void> {
  const at = timestamp(provider, new Date());
  await insertRows(
    tx,
    "AuditLog",
    ["actorId", "requestId", "action", "entity", "entityId", "before", "after", "createdAt"],
    events.map((event) => {
      const row = auditRow(actor, event);
      return [
        row.actorId,
        row.requestId,
        row.action,
        row.entity,
        row.entityId,
        row.before,
        row.after,
        at,
      ];
    }),
  );
  await reportPublicChanges(
    tx,
    events.map((event) => ({ entity: auditEvents[event.action].entity, id: event.entityId })),
  );
}
