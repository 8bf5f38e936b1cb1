import type { Db, LeadStatus, Prisma } from "@crm/db";

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
  const lead = await tx.lead.findUnique({
    where: { id: leadId },
    select: { createdAt: true, statusChangedAt: true, updatedAt: true },
  });
  if (!lead) return;
  const comments = await tx.comment.aggregate({
    where: { leadId },
    _max: { createdAt: true },
  });
  const callbacks = await tx.callback.aggregate({
    where: { leadId },
    _max: { createdAt: true, doneAt: true },
  });
  const open = await tx.callback.aggregate({
    where: { leadId, isDone: false },
    _min: { dueAt: true },
  });
  const times = [
    lead.createdAt,
    lead.statusChangedAt,
    comments._max.createdAt,
    callbacks._max.createdAt,
    callbacks._max.doneAt,
  ].filter((time): time is Date => time instanceof Date);
  const lastActivityAt = new Date(Math.max(...times.map((time) => time.getTime())));
  await tx.lead.updateMany({
    where: { id: leadId },
    // Bookkeeping, not an edit of the lead: its updatedAt (the "updated" sort) stays as it was.
    data: { lastActivityAt, nextCallbackAt: open._min.dueAt ?? null, updatedAt: lead.updatedAt },
  });
}
