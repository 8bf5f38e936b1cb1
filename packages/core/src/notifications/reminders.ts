import type { Db } from "@crm/db";
import { localDay } from "../local-time";
import { notify, usersWithRoles } from "./notifications";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How long before a call its reminder goes out, and before a hold's end. */
export const CALLBACK_LEAD_TIME = 15 * MINUTE;
export const HOLD_LEAD_TIME = DAY;

/**
 * Finds what is about to happen or has gone wrong and tells the people concerned: calls due
 * within 15 minutes (their user), holds ending within a day (the lead's owner), instalments
 * overdue (the buyer's seller and finance). Each reminder carries a key, so however often this
 * runs — every minute, on several workers — a person gets each reminder once.
 */
export async function scanReminders(db: Db, now = new Date()) {
  let sent = 0;
  const callbacks = await db.callback.findMany({
    where: {
      isDone: false,
      dueAt: { gt: now, lte: new Date(now.getTime() + CALLBACK_LEAD_TIME) },
      lead: { archivedAt: null },
    },
    select: { id: true, userId: true, dueAt: true, lead: { select: { id: true, fullName: true } } },
    take: 1000,
  });
  for (const callback of callbacks) {
    sent += await notify(db, {
      kind: "callback.due",
      userIds: [callback.userId],
      payload: {
        callbackId: callback.id,
        leadId: callback.lead.id,
        leadName: callback.lead.fullName,
        dueAt: callback.dueAt.toISOString(),
      },
      entity: "Lead",
      entityId: callback.lead.id,
      dedupeKey: `callback:${callback.id}:${callback.dueAt.toISOString()}`,
    });
  }

  const holds = await db.apartment.findMany({
    where: {
      status: "BOOKED",
      bookedUntil: { gt: now, lte: new Date(now.getTime() + HOLD_LEAD_TIME) },
    },
    select: {
      id: true,
      number: true,
      complexId: true,
      bookedUntil: true,
      complex: { select: { name: true } },
      bookedLead: { select: { id: true, fullName: true, ownerId: true } },
    },
    take: 1000,
  });
  for (const flat of holds) {
    if (!flat.bookedLead?.ownerId || !flat.bookedUntil) continue;
    sent += await notify(db, {
      kind: "hold.expiring",
      userIds: [flat.bookedLead.ownerId],
      payload: {
        flatId: flat.id,
        flatNumber: flat.number,
        complexId: flat.complexId,
        complexName: flat.complex.name,
        leadId: flat.bookedLead.id,
        leadName: flat.bookedLead.fullName,
        bookedUntil: flat.bookedUntil.toISOString(),
      },
      entity: "Apartment",
      entityId: flat.id,
      dedupeKey: `hold:${flat.id}:${flat.bookedUntil.toISOString()}`,
    });
  }

  const overdue = await db.payment.findMany({
    where: {
      status: "OVERDUE",
      dueDate: { lt: localDay(now).start },
      contract: { status: "SIGNED" },
    },
    select: {
      id: true,
      amount: true,
      paidAmount: true,
      currency: true,
      dueDate: true,
      contract: { select: { id: true, number: true } },
      lead: { select: { fullName: true, ownerId: true } },
    },
    take: 1000,
  });
  const finance = overdue.length ? await usersWithRoles(db, ["FINANCIER"]) : [];
  for (const payment of overdue) {
    if (!payment.contract) continue;
    sent += await notify(db, {
      kind: "instalment.overdue",
      userIds: [...finance, ...(payment.lead.ownerId ? [payment.lead.ownerId] : [])],
      payload: {
        paymentId: payment.id,
        dealId: payment.contract.id,
        dealNumber: payment.contract.number,
        leadName: payment.lead.fullName,
        amount: Number(payment.amount - payment.paidAmount),
        currency: payment.currency,
        dueDate: payment.dueDate.toISOString(),
      },
      entity: "Contract",
      entityId: payment.contract.id,
      dedupeKey: `payment:${payment.id}`,
    });
  }
  return { sent };
}
