import type { ZRecordReceiptRequest } from "@crm/contracts";
import type { Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { localDay } from "../local-time";
import { getDeal } from "./deals";
import { applyReceipt, overpayment, paymentSelect } from "./payments";

/**
 * A sum received for a contract as a whole (the buyer paid "what is due" in one transfer): it
 * pays the oldest open instalments first, each part a receipt under one number. More than the
 * contract still owes is refused, and nothing is recorded then.
 */
export async function recordContractReceipt(
  db: Db,
  actor: Actor,
  dealId: number,
  input: z.output<typeof ZRecordReceiptRequest>,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const deal = await getDeal(tx, actor, dealId);
    if (deal.status === "CANCELLED")
      throw new AppError("CONFLICT", { detail: "The contract is cancelled" });
    const open = await tx.payment.findMany({
      where: { contractId: dealId, status: { not: "PAID" } },
      orderBy: [{ dueDate: "asc" }, { seq: "asc" }],
      select: paymentSelect,
    });
    const owed = open.reduce((sum, payment) => sum + payment.amount - payment.paidAmount, 0n);
    if (owed <= 0n) throw new AppError("CONFLICT", { detail: "The contract is paid in full" });
    let left = BigInt(input.amount);
    if (left > owed) throw overpayment(owed);
    let number: string | undefined;
    for (const payment of open) {
      if (left === 0n) break;
      const part =
        left < payment.amount - payment.paidAmount ? left : payment.amount - payment.paidAmount;
      ({ number } = await applyReceipt(tx, actor, payment, part, input, now, number));
      left -= part;
    }
    return getDeal(tx, actor, dealId);
  });
}

/**
 * Reverses a wrong receipt: it stays on record, marked with who reversed it and why, and the
 * instalment's paid amount, status, date and method are recomputed from the receipts left.
 */
export async function reverseReceipt(
  db: Db,
  actor: Actor,
  receiptId: number,
  reason: string,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const receipt = await tx.paymentReceipt.findUnique({
      where: { id: receiptId },
      select: {
        id: true,
        amount: true,
        reversedAt: true,
        payment: {
          select: { ...paymentSelect, contract: { select: { id: true } } },
        },
      },
    });
    if (!receipt) throw notFound("Receipt");
    if (receipt.reversedAt)
      throw new AppError("CONFLICT", { detail: "This receipt is already reversed" });
    const reversed = await tx.paymentReceipt.updateMany({
      where: { id: receiptId, reversedAt: null },
      data: { reversedAt: now, reversedById: actor.id, reversalReason: reason },
    });
    if (reversed.count === 0)
      throw new AppError("CONFLICT", { detail: "The receipt changed meanwhile; reload" });

    const payment = receipt.payment;
    const paidAmount = payment.paidAmount - receipt.amount;
    const latest = await tx.paymentReceipt.findFirst({
      where: { paymentId: payment.id, reversedAt: null },
      orderBy: [{ paidAt: "desc" }, { id: "desc" }],
      select: { paidAt: true, method: true },
    });
    const status =
      paidAmount >= payment.amount
        ? ("PAID" as const)
        : payment.dueDate < localDay(now).start
          ? ("OVERDUE" as const)
          : ("SCHEDULED" as const);
    const updated = await tx.payment.updateMany({
      where: { id: payment.id, paidAmount: payment.paidAmount },
      data: {
        paidAmount,
        status,
        paidAt: latest?.paidAt ?? null,
        method: latest?.method ?? null,
      },
    });
    if (updated.count === 0)
      throw new AppError("CONFLICT", { detail: "The payment changed meanwhile; reload" });
    await audit(tx, actor, {
      action: "payment.reverse",
      entityId: payment.id,
      before: { paidAmount: Number(payment.paidAmount), status: payment.status },
      after: {
        paidAmount: Number(paidAmount),
        status,
        receiptId,
        reversed: Number(receipt.amount),
        reason,
      },
    });
    if (!payment.contract) throw notFound("Contract");
    return getDeal(tx, actor, payment.contract.id);
  });
}
