import type { TAuditEntry, TAuditFilters } from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import { parseJson } from "../activity/activity.service";
import { decodeIdCursor, encodeIdCursor } from "../cursor";

/**
 * The audit log browser: the rows the one writer (`audit()`) made, filtered and newest first.
 * Keyset pages on the id (rows are only ever appended); the filters hit the (entity, entityId),
 * (actorId, createdAt) and (createdAt) indexes.
 */
function auditWhere(filters: TAuditFilters): Prisma.AuditLogWhereInput {
  return {
    ...(filters.actorId === "system"
      ? { actorId: null }
      : filters.actorId !== undefined
        ? { actorId: filters.actorId }
        : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: new Date(filters.from) } : {}),
            ...(filters.to ? { lt: new Date(filters.to) } : {}),
          },
        }
      : {}),
  };
}

const select = {
  id: true,
  createdAt: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  requestId: true,
  actor: { select: { id: true, login: true, firstName: true, lastName: true } },
} satisfies Prisma.AuditLogSelect;
type Row = Prisma.AuditLogGetPayload<{ select: typeof select }>;

function toEntry(row: Row): TAuditEntry {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: row.actor
      ? {
          id: row.actor.id,
          login: row.actor.login,
          name: `${row.actor.firstName} ${row.actor.lastName}`.trim() || row.actor.login,
        }
      : null,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: parseJson(row.before),
    after: parseJson(row.after),
    requestId: row.requestId,
  };
}

export async function listAuditLog(
  db: Db,
  query: TAuditFilters & { cursor?: string; limit: number },
) {
  const after = decodeIdCursor(query.cursor);
  const rows = await db.auditLog.findMany({
    where: { ...auditWhere(query), ...(after ? { id: { lt: after } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
    select,
  });
  const items = rows.slice(0, query.limit).map(toEntry);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeIdCursor(last.id) : null };
}

/** At most this many rows go into one export; narrow the filters for more. */
export const EXPORT_LIMIT = 50_000;
const EXPORT_PAGE = 1_000;

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading =, +, - or @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The filtered log as CSV lines (header first), read in pages so memory stays flat: the caller
 * writes each line as it comes.
 */
export async function* exportAuditLog(db: Db, filters: TAuditFilters): AsyncGenerator<string> {
  yield ["id", "time", "user", "action", "record", "record id", "before", "after", "request"]
    .map(csvCell)
    .join(";");
  let after: number | undefined;
  let sent = 0;
  while (sent < EXPORT_LIMIT) {
    const rows = await db.auditLog.findMany({
      where: { ...auditWhere(filters), ...(after ? { id: { lt: after } } : {}) },
      orderBy: { id: "desc" },
      take: Math.min(EXPORT_PAGE, EXPORT_LIMIT - sent),
      select,
    });
    for (const row of rows) {
      yield [
        row.id,
        row.createdAt.toISOString(),
        row.actor?.login ?? "system",
        row.action,
        row.entity,
        row.entityId,
        row.before ?? "",
        row.after ?? "",
        row.requestId ?? "",
      ]
        .map(csvCell)
        .join(";");
    }
    sent += rows.length;
    if (rows.length < EXPORT_PAGE) break;
    after = rows.at(-1)!.id;
  }
}
