import type { Db } from "@crm/db";
import { localDay } from "../local-time";
import { queueBotMessageOnce } from "./outbox";
import { reminderTexts } from "./texts";

const DAY = 86_400_000;

export interface BuyerContract {
  number: string;
  complexName: string;
  flatNumber: string;
  currency: "UZS" | "USD";
  price: bigint;
  paid: bigint;
  outstanding: bigint;
  nextInstalment: { dueDate: Date; amount: bigint } | null;
  overdue: { count: number; amount: bigint; since: Date } | null;
}

/**
 * A buyer's signed contracts by the phone they proved is theirs: price, paid so far, what is
 * left, the next instalment and anything overdue. Nothing for a phone without a signed
 * contract — the bot answers the same as for a stranger.
 */
export async function buyerContracts(db: Db, phone: string): Promise<BuyerContract[]> {
  const contracts = await db.contract.findMany({
    where: { status: "SIGNED", lead: { phone } },
    orderBy: { id: "asc" },
    select: {
      number: true,
      price: true,
      currency: true,
      apartment: { select: { number: true, complex: { select: { name: true } } } },
      payments: {
        select: { amount: true, paidAmount: true, dueDate: true, status: true },
        orderBy: [{ dueDate: "asc" }, { seq: "asc" }],
      },
    },
  });
  return contracts.map((contract) => {
    let paid = 0n;
    let due = 0n;
    let overdueAmount = 0n;
    let overdueCount = 0;
    let overdueSince: Date | null = null;
    let next: BuyerContract["nextInstalment"] = null;
    for (const payment of contract.payments) {
      const left = payment.amount - payment.paidAmount;
      paid += payment.paidAmount;
      due += payment.amount;
      if (left <= 0n) continue;
      if (payment.status === "OVERDUE") {
        overdueAmount += left;
        overdueCount += 1;
        overdueSince ??= payment.dueDate;
      } else if (!next) {
        next = { dueDate: payment.dueDate, amount: left };
      }
    }
    // The schedule adds up to the price; a contract without one still owes its price.
    const total = contract.payments.length ? due : contract.price;
    return {
      number: contract.number,
      complexName: contract.apartment.complex.name,
      flatNumber: contract.apartment.number,
      currency: contract.currency,
      price: contract.price,
      paid,
      outstanding: total - paid,
      nextInstalment: next,
      overdue: overdueSince
        ? { count: overdueCount, amount: overdueAmount, since: overdueSince }
        : null,
    };
  });
}

/**
 * Reminders to buyers who shared their phone with the bot: 3 days before an instalment's due
 * day, on the day, and once when it is overdue (Tashkent calendar). Each is an outbox row with
 * its own key, so however often this runs a buyer gets each reminder once.
 */
export async function scanBuyerReminders(db: Db, now = new Date()) {
  const today = localDay(now);
  const inThreeDays = localDay(new Date(now.getTime() + 3 * DAY));
  const profiles = await db.telegramProfile.findMany({
    where: { verifiedPhone: { not: null } },
    select: { chatId: true, language: true, verifiedPhone: true },
  });
  if (!profiles.length) return { queued: 0 };
  const byPhone = new Map(profiles.map((profile) => [profile.verifiedPhone!, profile]));
  const payments = await db.payment.findMany({
    where: {
      status: { in: ["SCHEDULED", "OVERDUE"] },
      contract: { status: "SIGNED" },
      lead: { phone: { in: [...byPhone.keys()] } },
      OR: [
        { status: "OVERDUE" },
        { dueDate: { gte: today.start, lt: today.end } },
        { dueDate: { gte: inThreeDays.start, lt: inThreeDays.end } },
      ],
    },
    select: {
      id: true,
      amount: true,
      paidAmount: true,
      currency: true,
      dueDate: true,
      status: true,
      contract: { select: { number: true } },
      lead: { select: { phone: true } },
    },
    take: 5000,
  });
  let queued = 0;
  for (const payment of payments) {
    const profile = byPhone.get(payment.lead.phone);
    if (!profile || !payment.contract) continue;
    const left = payment.amount - payment.paidAmount;
    if (left <= 0n) continue;
    const t = reminderTexts(profile.language);
    const reminder = {
      contractNumber: payment.contract.number,
      amount: left,
      currency: payment.currency,
      dueDate: payment.dueDate,
    };
    const [kind, text] =
      payment.status === "OVERDUE"
        ? (["overdue", t.overdue(reminder)] as const)
        : payment.dueDate >= today.start && payment.dueDate < today.end
          ? (["today", t.today(reminder)] as const)
          : (["soon", t.soon(reminder)] as const);
    const created = await queueBotMessageOnce(db, {
      chatId: profile.chatId,
      text,
      dedupeKey: `instalment:${payment.id}:${payment.dueDate.toISOString()}:${kind}:${profile.chatId}`,
    });
    if (created) queued += 1;
  }
  return { queued };
}
