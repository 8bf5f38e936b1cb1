import type { TPayment, TReceipt, ZRecordPaymentRequest } from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { AppError, notFound } from "../errors";
import { localDay } from "../local-time";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

export const paymentSelect = {
  id: true,
  contractId: true,
  leadId: true,
  seq: true,
  kind: true,
  amount: true,
  paidAmount: true,
  currency: true,
  dueDate: true,
  paidAt: true,
  method: true,
  status: true,
} satisfies Prisma.PaymentSelect;
export type PaymentRow = Prisma.PaymentGetPayload<{ select: typeof paymentSelect }>;

export function toPayment(row: PaymentRow): TPayment {
  return {
    id: row.id,
    dealId: row.contractId,
    leadId: row.leadId,
    seq: row.seq,
    kind: row.kind,
    amount: Number(row.amount),
    paidAmount: Number(row.paidAmount),
    currency: row.currency,
    dueDate: row.dueDate.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    method: row.method,
    status: row.status,
  };
}

export const receiptSelect = {
  id: true,
  number: true,
  paymentId: true,
  amount: true,
  currency: true,
  method: true,
  paidAt: true,
  note: true,
  reversedAt: true,
  reversalReason: true,
  recordedBy: { select: { firstName: true, lastName: true } },
} satisfies Prisma.PaymentReceiptSelect;
type ReceiptRow = Prisma.PaymentReceiptGetPayload<{ select: typeof receiptSelect }>;

export function toReceipt(row: ReceiptRow): TReceipt {
  return {
    id: row.id,
    number: row.number,
    paymentId: row.paymentId,
    amount: Number(row.amount),
    currency: row.currency,
    method: row.method,
    paidAt: row.paidAt.toISOString(),
    note: row.note,
    recordedBy: row.recordedBy
      ? `${row.recordedBy.firstName} ${row.recordedBy.lastName}`.trim()
      : null,
    reversedAt: row.reversedAt?.toISOString() ?? null,
    reversalReason: row.reversalReason,
  };
}

type Receipt = z.output<typeof ZRecordPaymentRequest>;
type OpenPayment = Pick<
  PaymentRow,
  "id" | "contractId" | "amount" | "paidAmount" | "currency" | "status"
>;

/** What is still owed on an instalment, or a 409 saying it is paid. */
export function remainingOn(payment: Pick<PaymentRow, "amount" | "paidAmount">): bigint {
  const remaining = payment.amount - payment.paidAmount;
  if (remaining <= 0n)
    throw new AppError("CONFLICT", { detail: "This payment is already paid in full" });
  return remaining;
}

export const overpayment = (remaining: bigint) =>
  new AppError("CONFLICT", {
    detail: `Overpayment: ${remaining} minor units remain`,
    errors: [{ path: "amount", message: `At most ${remaining}`, code: "overpayment" }],
    extra: { remaining: Number(remaining) },
  });

/**
 * Records one receipt against one instalment inside the caller's transaction. The balance
 * update is conditional on the paid amount read, so two cashiers recording at once cannot both
 * count against the same balance. `number` groups the receipts of one lump sum.
 */
export async function applyReceipt(
  tx: Tx,
  actor: Actor,
  payment: OpenPayment,
  amount: bigint,
  input: Receipt,
  now: Date,
  number?: string,
) {
  const paidAmount = payment.paidAmount + amount;
  const paidAt = input.paidAt ? new Date(input.paidAt) : now;
  const updated = await tx.payment.updateMany({
    where: { id: payment.id, paidAmount: payment.paidAmount },
    data: {
      paidAmount,
      status: paidAmount === payment.amount ? "PAID" : payment.status,
      paidAt,
      method: input.method,
      note: input.note,
      recordedById: actor.id,
    },
  });
  if (updated.count === 0)
    throw new AppError("CONFLICT", { detail: "The payment changed meanwhile; reload" });
  const receipt = await tx.paymentReceipt.create({
    data: {
      number: number ?? "",
      paymentId: payment.id,
      contractId: payment.contractId,
      amount,
      currency: payment.currency,
      method: input.method,
      paidAt,
      note: input.note ?? null,
      recordedById: actor.id,
    },
    select: { id: true, number: true },
  });
  // A receipt's number is its own id unless it belongs to a lump sum already numbered.
  const receiptNumber =
    number ?? `R-${paidAt.getUTCFullYear()}-${String(receipt.id).padStart(6, "0")}`;
  if (!number)
    await tx.paymentReceipt.update({ where: { id: receipt.id }, data: { number: receiptNumber } });
  await audit(tx, actor, {
    action: "payment.record",
    entityId: payment.id,
    before: { paidAmount: Number(payment.paidAmount), status: payment.status },
    after: {
      paidAmount: Number(paidAmount),
      received: Number(amount),
      method: input.method,
      receiptId: receipt.id,
    },
  });
  return { receiptId: receipt.id, number: receiptNumber };
}

/**
 * Money received against one scheduled payment. Partial payments add up; more than what is
 * left is refused (record the rest against the next instalment, or as a sum for the contract).
 */
export async function recordPayment(
  db: Db,
  actor: Actor,
  id: number,
  input: Receipt,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const payment = await tx.payment.findUnique({
      where: { id },
      select: { ...paymentSelect, contract: { select: { status: true } } },
    });
    if (!payment) throw notFound("Payment");
    if (payment.contract?.status === "CANCELLED")
      throw new AppError("CONFLICT", { detail: "The contract is cancelled" });
    const remaining = remainingOn(payment);
    if (BigInt(input.amount) > remaining) throw overpayment(remaining);
    await applyReceipt(tx, actor, payment, BigInt(input.amount), input, now);
    return toPayment(await tx.payment.findUniqueOrThrow({ where: { id }, select: paymentSelect }));
  });
}

// A payment is overdue from the day after its due date, by the local calendar: money due
// today is not late yet.
export const overdueWhere = (now: Date) =>
  ({
    status: { not: "PAID" },
    dueDate: { lt: localDay(now).start },
    OR: [{ contractId: null }, { contract: { status: { not: "CANCELLED" } } }],
  }) satisfies Prisma.PaymentWhereInput;

export async function overduePayments(db: Db, limit: number, now = new Date()) {
  const rows = await db.payment.findMany({
    where: overdueWhere(now),
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      ...paymentSelect,
      lead: { select: { id: true, fullName: true, phone: true } },
      contract: { select: { number: true } },
    },
  });
  return {
    items: rows.map((row) => ({
      ...toPayment(row),
      daysLate: Math.floor((now.getTime() - row.dueDate.getTime()) / DAY),
      outstanding: Number(row.amount - row.paidAmount),
      lead: row.lead,
      dealNumber: row.contract?.number ?? null,
    })),
  };
}

/**
 * Marks unpaid instalments past due as OVERDUE (the once-a-minute job), each with its own
 * conditional update and `payment.overdue` audit row in one transaction. A payment paid or
 * marked by someone else meanwhile is left alone and not audited, so running this twice, or in
 * two processes at once, changes and audits each payment once. Returns how many it marked.
 */
export async function markOverdue(
  db: Db,
  now = new Date(),
  options: { requestId?: string | null } = {},
): Promise<number> {
  const actor: AuditActor = { id: null, requestId: options.requestId ?? null };
  const dueBefore = localDay(now).start;
  let marked = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db.payment.findMany({
      where: { status: "SCHEDULED", dueDate: { lt: dueBefore }, id: { gt: afterId } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 200,
    });
    for (const { id } of batch) {
      const changed = await db.$transaction(async (tx) => {
        const updated = await tx.payment.updateMany({
          where: { id, status: "SCHEDULED", dueDate: { lt: dueBefore } },
          data: { status: "OVERDUE" },
        });
        if (updated.count === 0) return false;
        await audit(tx, actor, {
          action: "payment.overdue",
          entityId: id,
          before: { status: "SCHEDULED" },
          after: { status: "OVERDUE" },
        });
        return true;
      });
      if (changed) marked += 1;
    }
    if (batch.length < 200) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return marked;
}
