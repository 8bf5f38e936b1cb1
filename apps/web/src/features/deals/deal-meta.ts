import { minDownPayment } from "@crm/contracts";
import type { TDeal, TPayment } from "@crm/contracts";
import type { MessageKey, Translate } from "../../i18n";

/**
 * `scheduleProblem()` (shared with the API) explains itself in English; people read it in their
 * language. Unknown messages fall back to a generic one.
 */
const PROBLEM_KEYS: Record<string, MessageKey> = {
  "The price must be a positive whole amount": "deal.problem.price",
  "The down payment must be between 0 and the price": "deal.problem.downPayment",
  "Months must be between 0 and 360": "deal.problem.months",
  "Without instalments the down payment is the whole price": "deal.problem.noMonths",
  "Each instalment must be at least one currency unit": "deal.problem.unit",
};

export function scheduleProblemText(t: Translate, problem: string): string {
  const key = PROBLEM_KEYS[problem];
  return key ? t(key) : t("deal.problem.other");
}

/** "Down payment", "Payment 3 of 24". */
export function paymentLabel(
  t: Translate,
  payment: Pick<TPayment, "kind" | "seq">,
  months: number,
): string {
  if (payment.kind === "DOWN_PAYMENT") return t("payment.kind.DOWN_PAYMENT");
  if (payment.kind === "INSTALLMENT") {
    return t("payment.kind.INSTALLMENT", { seq: payment.seq, months });
  }
  return t("payment.kind.OTHER");
}

/**
 * A whole-unit share of a price, rounded up so it is never below that share (a 10 % button must
 * meet a 10 % minimum), and never above the price: 30 % of 85 000.50 USD → 25 501.00 USD.
 */
export function percentOf(price: number, percent: number): number {
  return Math.min(price, Math.ceil(minDownPayment(price, percent) / 100) * 100);
}

/**
 * A calendar day chosen in a date input, as the instant the API stores: the end of that day in
 * Tashkent (UTC+5), where the business runs. A payment due that day is not late before the day
 * is over, and the UTC date — what `installmentSchedule()` steps month by month — is the chosen
 * day, so browsers anywhere from UTC−12 to UTC+5 show the dates the user picked.
 */
export function dayAsInstant(day: string): Date {
  return new Date(`${day}T23:59:00+05:00`);
}

/**
 * The earliest signing day the price policy allows: `graceDays` before today in Tashkent, the
 * day the API counts from (a day picked becomes `dayAsInstant`, the end of that Tashkent day).
 */
export function earliestStartDay(graceDays: number, now = new Date()): string {
  const tashkent = new Date(now.getTime() + 5 * 3_600_000);
  tashkent.setUTCDate(tashkent.getUTCDate() - graceDays);
  return tashkent.toISOString().slice(0, 10);
}

export const PAYMENT_METHODS = ["CASH", "CARD", "BANK_TRANSFER", "OTHER"] as const;

export type DealStatus = TDeal["status"];

export const dealStatusClass = (status: DealStatus) => `deal-status deal-status--${status}`;

export type DealApproval = TDeal["approval"];

/** Signing waits for a decision on a price below the author's limit, and a rejection ends it. */
export const isSignBlocked = (deal: Pick<TDeal, "approval">) =>
  deal.approval === "PENDING" || deal.approval === "REJECTED";
