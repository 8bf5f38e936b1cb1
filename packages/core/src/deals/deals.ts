import {
  installmentSchedule,
  leadPolicy,
  scheduleProblem,
  type TDeal,
  type ZCreateDealRequest,
  type ZListDealsQuery,
} from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import { ownedOrNotFound, type Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { companyDetails } from "../settings/settings";
import { renderDealPdf } from "./deal-pdf";
import { paymentSelect, toPayment } from "./payments";

type Tx = Prisma.TransactionClient;

const dealSelect = {
  id: true,
  number: true,
  leadId: true,
  price: true,
  currency: true,
  downPayment: true,
  installmentMonths: true,
  fixedUzsRate: true,
  status: true,
  signedAt: true,
  cancelledAt: true,
  createdAt: true,
  lead: { select: { id: true, fullName: true, phone: true, ownerId: true } },
  apartment: {
    select: { id: true, complexId: true, block: true, number: true, area: true, status: true },
  },
  payments: { select: paymentSelect, orderBy: { seq: "asc" } },
} satisfies Prisma.ContractSelect;
type DealRow = Prisma.ContractGetPayload<{ select: typeof dealSelect }>;

function toDeal(row: DealRow): TDeal {
  const schedule = row.payments.map(toPayment);
  const paid = schedule.reduce((sum, payment) => sum + payment.paidAmount, 0);
  const due = schedule.reduce((sum, payment) => sum + payment.amount, 0);
  return {
    id: row.id,
    number: row.number,
    leadId: row.leadId,
    lead: row.lead,
    apartment: row.apartment,
    price: Number(row.price),
    currency: row.currency,
    downPayment: Number(row.downPayment),
    installmentMonths: row.installmentMonths,
    fixedUzsRate: row.fixedUzsRate === null ? null : Number(row.fixedUzsRate),
    status: row.status,
    signedAt: row.signedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    schedule,
    paid,
    outstanding: due - paid,
  };
}

async function visibleDeal(tx: Db | Tx, actor: Actor, id: number) {
  const row = await tx.contract.findUnique({ where: { id }, select: dealSelect });
  if (!row) throw notFound("Contract");
  ownedOrNotFound(actor, row.lead, "Contract");
  return row;
}

export async function listDeals(db: Db, actor: Actor, query: z.output<typeof ZListDealsQuery>) {
  const rows = await db.contract.findMany({
    where: {
      ...(query.leadId ? { leadId: query.leadId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(leadPolicy.seesAll(actor) ? {} : { lead: { ownerId: actor.id } }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
    select: dealSelect,
  });
  return {
    items: rows.map((row) => {
      const { schedule: _schedule, ...summary } = toDeal(row);
      return summary;
    }),
  };
}

export async function getDeal(db: Db, actor: Actor, id: number) {
  return toDeal(await visibleDeal(db, actor, id));
}

/**
 * Drafts the contract for the flat the lead holds, and its installment schedule (payments with
 * due dates), in one transaction.
 */
export async function createDeal(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateDealRequest>,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const lead = ownedOrNotFound(
      actor,
      await tx.lead.findUnique({
        where: { id: input.leadId },
        select: {
          id: true,
          ownerId: true,
        },
      }),
      "Lead",
    );
    // One live contract per lead; after a cancellation the buyer may sign a new one. Touching
    // the lead row first takes its lock, so two drafts racing for one lead queue here and the
    // second sees the first's contract (PostgreSQL re-reads per statement; SQLite has one writer).
    await tx.lead.update({ where: { id: lead.id }, data: { updatedAt: new Date() } });
    const [live] = await tx.contract.findMany({
      where: { leadId: lead.id, status: { not: "CANCELLED" } },
      select: { status: true },
      take: 1,
    });
    if (live) {
      throw new AppError("CONFLICT", {
        detail: `This lead already has a ${live.status.toLowerCase()} contract`,
      });
    }
    const flat = await tx.apartment.findFirst({
      where: { bookedLeadId: lead.id, status: "BOOKED" },
      select: { id: true, price: true, currency: true },
      orderBy: { updatedAt: "desc" },
    });
    if (!flat) throw new AppError("CONFLICT", { detail: "Book a flat for this lead first" });
    const price = input.price ?? Number(flat.price);
    const problem = scheduleProblem({
      price,
      downPayment: input.downPayment,
      months: input.installmentMonths,
    });
    if (problem)
      throw new AppError("VALIDATION_FAILED", {
        detail: problem,
        errors: [{ path: "downPayment", message: problem, code: "schedule" }],
      });
    const start = input.startDate ? new Date(input.startDate) : now;
    const created = await tx.contract.create({
      data: {
        number: `draft-${lead.id}-${now.getTime()}`,
        leadId: lead.id,
        apartmentId: flat.id,
        price: BigInt(price),
        currency: flat.currency,
        downPayment: BigInt(input.downPayment),
        installmentMonths: input.installmentMonths,
        fixedUzsRate: input.fixedUzsRate === undefined ? null : BigInt(input.fixedUzsRate),
        createdById: actor.id,
      },
      select: { id: true },
    });
    const number = `Д-${start.getUTCFullYear()}-${String(created.id).padStart(6, "0")}`;
    await tx.contract.update({ where: { id: created.id }, data: { number } });
    await tx.payment.createMany({
      data: installmentSchedule({
        price,
        downPayment: input.downPayment,
        months: input.installmentMonths,
        start,
      }).map((row) => ({
        leadId: lead.id,
        contractId: created.id,
        seq: row.seq,
        kind: row.kind,
        amount: BigInt(row.amount),
        currency: flat.currency,
        dueDate: row.dueDate,
      })),
    });
    await audit(tx, actor, {
      action: "contract.create",
      entityId: created.id,
      after: {
        number,
        leadId: lead.id,
        apartmentId: flat.id,
        price,
        currency: flat.currency,
        downPayment: input.downPayment,
        months: input.installmentMonths,
      },
    });
    return toDeal(
      await tx.contract.findUniqueOrThrow({ where: { id: created.id }, select: dealSelect }),
    );
  });
}

/** Signing sells: the held flat and the lead become SOLD, all or nothing. */
export async function signDeal(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id);
    if (deal.status !== "DRAFT")
      throw new AppError("CONFLICT", { detail: `The contract is ${deal.status.toLowerCase()}` });
    const sold = await tx.apartment.updateMany({
      where: { id: deal.apartment.id, status: "BOOKED", bookedLeadId: deal.leadId },
      data: { status: "SOLD", bookedUntil: null, version: { increment: 1 } },
    });
    if (sold.count === 0)
      throw new AppError("CONFLICT", { detail: "The lead no longer holds this flat" });
    await tx.contract.update({ where: { id }, data: { status: "SIGNED", signedAt: now } });
    const lead = await tx.lead.findUniqueOrThrow({
      where: { id: deal.leadId },
      select: { status: true },
    });
    await tx.lead.update({
      where: { id: deal.leadId },
      data: { status: "SOLD", statusChangedAt: now },
    });
    await audit(tx, actor, {
      action: "contract.sign",
      entityId: id,
      before: { status: "DRAFT" },
      after: { status: "SIGNED" },
    });
    await audit(tx, actor, {
      action: "apartment.sell",
      entityId: deal.apartment.id,
      after: { leadId: deal.leadId, contractId: id },
    });
    if (lead.status !== "SOLD") {
      await audit(tx, actor, {
        action: "lead.status",
        entityId: deal.leadId,
        before: { status: lead.status },
        after: { status: "SOLD", cause: "contract-signed" },
      });
    }
    return toDeal(await tx.contract.findUniqueOrThrow({ where: { id }, select: dealSelect }));
  });
}

/** Cancelling frees the flat, returns the lead to work and drops instalments nobody paid. */
export async function cancelDeal(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id);
    if (deal.status === "CANCELLED")
      throw new AppError("CONFLICT", { detail: "The contract is already cancelled" });
    await tx.apartment.updateMany({
      where: {
        id: deal.apartment.id,
        bookedLeadId: deal.leadId,
        status: { in: ["BOOKED", "SOLD"] },
      },
      data: { status: "FREE", bookedLeadId: null, bookedUntil: null, version: { increment: 1 } },
    });
    await tx.lead.updateMany({
      where: { id: deal.leadId, status: { in: ["BOOKED", "SOLD"] } },
      data: { status: "IN_PROGRESS", statusChangedAt: now },
    });
    const dropped = await tx.payment.deleteMany({ where: { contractId: id, paidAmount: 0 } });
    await tx.contract.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: now } });
    await audit(tx, actor, {
      action: "contract.cancel",
      entityId: id,
      before: { status: deal.status },
      after: { status: "CANCELLED", droppedPayments: dropped.count },
    });
    return toDeal(await tx.contract.findUniqueOrThrow({ where: { id }, select: dealSelect }));
  });
}

/** The printable contract; company details come from settings (company.name, …). */
export async function dealPdf(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ number: string; pdf: Buffer }> {
  const deal = toDeal(await visibleDeal(db, actor, id));
  const [complex, company] = await Promise.all([
    db.complex.findUniqueOrThrow({
      where: { id: deal.apartment.complexId },
      select: { name: true },
    }),
    companyDetails(db),
  ]);
  const pdf = await renderDealPdf(deal, complex.name, company);
  return { number: deal.number, pdf };
}
