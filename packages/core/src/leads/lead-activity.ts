import type { Db, LeadStatus, Prisma } from "@crm/db";
import { date } from "../sql";

type Tx = Prisma.TransactionClient;

/**
 * A lead's "last activity" and "next callback" are stored on the lead (`lastActivityAt`,
 * `nextCallbackAt`) so the list reads them without a subquery per row (decision 004). They are
 * derived values, kept here and nowhere else:
 *
 * - lastActivityAt: the latest of the lead's creation, its last status change, its newest
 *   comment, and its newest callback scheduled or done;
 * - nextCallbackAt: the earliest due time of its open (not done) callbacks, or null.
 *
 * A status change writes `statusChange(...)` (one time for both columns); a comment or callback
 * written, completed or deleted calls `refreshLeadActivity` in the same transaction. The
 * migration `lead_activity_saved_filters` backfilled existing leads with the same rule.
 */

/** The fields every status change writes: the new stage, when it began, and the activity. */
export function statusChange(status: LeadStatus, at: Date) {
  return { status, statusChangedAt: at, lastActivityAt: at } as const;
}

/** Re-derives both columns from the lead's comments and callbacks (after one was written). */
export async function refreshLeadActivity(tx: Tx | Db, leadId: number): Promise<void> {
  // One read for the lead's own times and its comments' and callbacks' extremes, one write.
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>`
    SELECT l."createdAt", l."statusChangedAt", l."updatedAt",
      (SELECT MAX(c."createdAt") FROM "Comment" c WHERE c."leadId" = l."id") AS "commentAt",
      (SELECT MAX(b."createdAt") FROM "Callback" b WHERE b."leadId" = l."id") AS "callbackAt",
      (SELECT MAX(b."doneAt") FROM "Callback" b WHERE b."leadId" = l."id") AS "doneAt",
      (SELECT MIN(b."dueAt") FROM "Callback" b
        WHERE b."leadId" = l."id" AND NOT b."isDone") AS "dueAt"
    FROM "Lead" l WHERE l."id" = ${leadId}`;
  if (!row) return;
  const times = [row.createdAt, row.statusChangedAt, row.commentAt, row.callbackAt, row.doneAt]
    .filter((time) => time !== null && time !== undefined)
    .map((time) => date(time).getTime());
  await tx.lead.updateMany({
    where: { id: leadId },
    data: {
      lastActivityAt: new Date(Math.max(...times)),
      nextCallbackAt: row.dueAt === null || row.dueAt === undefined ? null : date(row.dueAt),
      // Bookkeeping, not an edit of the lead: its updatedAt (the "updated" sort) stays as it was.
      updatedAt: date(row.updatedAt),
    },
  });
}
