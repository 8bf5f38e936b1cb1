import type { Db, Prisma } from "@crm/db";
import { audit, type AuditActor } from "../audit";
import { bookingSettings } from "../settings/settings";
import { statusChange } from "../leads/lead-activity";

/**
 * The end of a booking hold, shared by the API (release, in-process expiry without Redis) and the
 * worker (the expiry job with Redis), so both follow one rule: the flat is freed only if it is
 * still held as read (version check), the holding lead goes back to IN_PROGRESS, the first lead
 * in the flat's queue that can still buy gets a fresh hold, and every step is audited in the
 * same transaction.
 */
type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

export interface HeldFlat {
  id: number;
  version: number;
  bookedUntil: Date | null;
  bookedLeadId: number | null;
}

/**
 * Why a hold ends: the seller released it, it expired, or the contract drawn up on it was
 * cancelled (then the flat may be SOLD, not only BOOKED).
 */
export type HoldEnd =
  { reason: "release" | "expire" } | { reason: "cancel"; status: "BOOKED" | "SOLD" };

const END_ACTION = {
  release: "apartment.release",
  expire: "apartment.expire",
  cancel: "apartment.cancel",
} as const;

async function offerToNext(tx: Tx, actor: AuditActor | null, flatId: number, now: Date) {
  const line = await tx.bookingQueueEntry.findMany({
    where: { apartmentId: flatId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, lead: { select: { id: true, status: true, archivedAt: true } } },
  });
  if (line.length === 0) return;
  const { defaultDays, maxHoldsPerLead } = await bookingSettings(tx);
  for (const entry of line) {
    await tx.bookingQueueEntry.delete({ where: { id: entry.id } });
    if (entry.lead.status === "SOLD" || entry.lead.status === "LOST" || entry.lead.archivedAt)
      continue;
    // A lead already holding as many flats as it may is passed over, as it could not book.
    const holds = await tx.apartment.count({
      where: { bookedLeadId: entry.lead.id, status: "BOOKED" },
    });
    if (holds >= maxHoldsPerLead) continue;
    const bookedUntil = new Date(now.getTime() + defaultDays * DAY);
    const claimed = await tx.apartment.updateMany({
      where: { id: flatId, status: "FREE" },
      data: {
        status: "BOOKED",
        bookedLeadId: entry.lead.id,
        bookedAt: now,
        bookedUntil,
        version: { increment: 1 },
      },
    });
    if (claimed.count === 0) return;
    if (entry.lead.status !== "BOOKED") {
      await tx.lead.update({
        where: { id: entry.lead.id },
        data: {
          ...statusChange("BOOKED", now),
          apartmentId: flatId,
          version: { increment: 1 },
        },
      });
      await audit(tx, actor, {
        action: "lead.status",
        entityId: entry.lead.id,
        before: { status: entry.lead.status },
        after: { status: "BOOKED", cause: "queue-offer" },
      });
    }
    await audit(tx, actor, {
      action: "apartment.offer",
      entityId: flatId,
      after: { leadId: entry.lead.id, bookedUntil: bookedUntil.toISOString() },
    });
    return;
  }
}

/**
 * Ends one hold; false when the flat is no longer as read (someone else acted first), and then
 * nothing has changed. The flat becomes FREE, its lead goes back to work, the first lead in the
 * flat's queue that can still buy gets it, and every step is audited.
 */
export async function endHold(
  tx: Tx,
  actor: AuditActor | null,
  flat: HeldFlat,
  end: HoldEnd["reason"] | HoldEnd,
  now: Date,
): Promise<boolean> {
  const how: HoldEnd = typeof end === "string" ? ({ reason: end } as HoldEnd) : end;
  const fromStatus = how.reason === "cancel" ? how.status : "BOOKED";
  const changed = await tx.apartment.updateMany({
    where: {
      id: flat.id,
      version: flat.version,
      status: fromStatus,
      bookedLeadId: flat.bookedLeadId,
      ...(how.reason === "expire" ? { bookedUntil: { lt: now } } : {}),
    },
    data: {
      status: "FREE",
      bookedLeadId: null,
      bookedAt: null,
      bookedUntil: null,
      version: { increment: 1 },
    },
  });
  if (changed.count === 0) return false;
  if (flat.bookedLeadId) {
    // The lead goes back to work unless something else already moved it on.
    const lead = await tx.lead.updateMany({
      where: { id: flat.bookedLeadId, status: fromStatus },
      data: { ...statusChange("IN_PROGRESS", now), version: { increment: 1 } },
    });
    if (lead.count) {
      await audit(tx, actor, {
        action: "lead.status",
        entityId: flat.bookedLeadId,
        before: { status: fromStatus },
        after: {
          status: "IN_PROGRESS",
          cause: how.reason === "cancel" ? "contract-cancelled" : "hold-ended",
        },
      });
    }
  }
  await audit(tx, actor, {
    action: END_ACTION[how.reason],
    entityId: flat.id,
    before: {
      status: fromStatus,
      bookedLeadId: flat.bookedLeadId,
      bookedUntil: flat.bookedUntil?.toISOString() ?? null,
    },
    after: { status: "FREE", bookedLeadId: null },
  });
  await offerToNext(tx, actor, flat.id, now);
  return true;
}

/** Frees every hold past its expiry, a flat per transaction, in batches. */
export async function releaseExpiredHolds(
  db: Db,
  options: { now?: Date; requestId?: string | null } = {},
): Promise<{ released: number; complexIds: number[] }> {
  const now = options.now ?? new Date();
  const actor: AuditActor = { id: null, requestId: options.requestId ?? null };
  const complexIds = new Set<number>();
  let released = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db.apartment.findMany({
      where: { status: "BOOKED", bookedUntil: { lt: now }, id: { gt: afterId } },
      select: { id: true, complexId: true, version: true, bookedUntil: true, bookedLeadId: true },
      orderBy: { id: "asc" },
      take: 200,
    });
    for (const flat of batch) {
      if (await db.$transaction((tx) => endHold(tx, actor, flat, "expire", now))) {
        released += 1;
        complexIds.add(flat.complexId);
      }
    }
    if (batch.length < 200) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return { released, complexIds: [...complexIds] };
}
