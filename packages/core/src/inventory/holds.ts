import type { Db, Prisma } from "@crm/db";
import { audit, type AuditActor } from "../audit";
import { bookingSettings } from "../settings/settings";

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

async function offerToNext(tx: Tx, actor: AuditActor | null, flatId: number, now: Date) {
  const line = await tx.bookingQueueEntry.findMany({
    where: { apartmentId: flatId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, lead: { select: { id: true, status: true } } },
  });
  if (line.length === 0) return;
  const { defaultDays } = await bookingSettings(tx);
  for (const entry of line) {
    await tx.bookingQueueEntry.delete({ where: { id: entry.id } });
    if (entry.lead.status === "SOLD" || entry.lead.status === "LOST") continue;
    const bookedUntil = new Date(now.getTime() + defaultDays * DAY);
    const claimed = await tx.apartment.updateMany({
      where: { id: flatId, status: "FREE" },
      data: {
        status: "BOOKED",
        bookedLeadId: entry.lead.id,
        bookedUntil,
        version: { increment: 1 },
      },
    });
    if (claimed.count === 0) return;
    if (entry.lead.status !== "BOOKED") {
      await tx.lead.update({
        where: { id: entry.lead.id },
        data: { status: "BOOKED", statusChangedAt: now, apartmentId: flatId },
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

/** Ends one hold; false when the flat changed since it was read (someone else acted first). */
export async function endHold(
  tx: Tx,
  actor: AuditActor | null,
  flat: HeldFlat,
  reason: "release" | "expire",
  now: Date,
): Promise<boolean> {
  const changed = await tx.apartment.updateMany({
    where: {
      id: flat.id,
      version: flat.version,
      status: "BOOKED",
      ...(reason === "expire" ? { bookedUntil: { lt: now } } : {}),
    },
    data: { status: "FREE", bookedLeadId: null, bookedUntil: null, version: { increment: 1 } },
  });
  if (changed.count === 0) return false;
  if (flat.bookedLeadId) {
    // The lead goes back to work unless something else already moved it on.
    const lead = await tx.lead.updateMany({
      where: { id: flat.bookedLeadId, status: "BOOKED" },
      data: { status: "IN_PROGRESS", statusChangedAt: now },
    });
    if (lead.count) {
      await audit(tx, actor, {
        action: "lead.status",
        entityId: flat.bookedLeadId,
        before: { status: "BOOKED" },
        after: { status: "IN_PROGRESS", cause: "hold-ended" },
      });
    }
  }
  await audit(tx, actor, {
    action: reason === "expire" ? "apartment.expire" : "apartment.release",
    entityId: flat.id,
    before: {
      status: "BOOKED",
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
