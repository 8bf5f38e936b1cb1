import {
  discountPct,
  installmentSchedule,
  leadPolicy,
  minDownPayment,
  needsApproval,
  scheduleProblem,
  type TDeal,
  type ZCreateDealRequest,
  type ZListDealsQuery,
} from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import { z } from "zod";
import { ownedOrNotFound, type Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { endHold } from "../inventory/holds";
import { localDay, localMonth } from "../local-time";
import { statusChange } from "../leads/lead-activity";
import { notify, usersWithRoles } from "../notifications/notifications";
import { companyDetails, pricingSettings } from "../settings/settings";
import { renderDealPdf, type CompanyDetails } from "./deal-pdf";
import { paymentSelect, receiptSelect, toPayment, toReceipt } from "./payments";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

const dealSelect = {
  id: true,
  number: true,
  leadId: true,
  price: true,
  listPrice: true,
  currency: true,
  downPayment: true,
  installmentMonths: true,
  fixedUzsRate: true,
  status: true,
  approval: true,
  approvalNote: true,
  approvedAt: true,
  approvedBy: { select: { firstName: true, lastName: true } },
  parties: true,
  signedAt: true,
  cancelledAt: true,
  createdAt: true,
  lead: { select: { id: true, fullName: true, phone: true, ownerId: true, version: true } },
  apartment: {
    select: {
      id: true,
      complexId: true,
      block: true,
      number: true,
      area: true,
      status: true,
      version: true,
      bookedLeadId: true,
      bookedUntil: true,
    },
  },
  payments: { select: paymentSelect, orderBy: { seq: "asc" } },
  receipts: { select: receiptSelect, orderBy: [{ paidAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.ContractSelect;
type DealRow = Prisma.ContractGetPayload<{ select: typeof dealSelect }>;

/** The parties fixed on a contract when it is signed. */
const ZParties = z.object({
  buyer: z.object({ fullName: z.string(), phone: z.string() }),
  company: z.object({
    name: z.string(),
    address: z.string(),
    taxId: z.string(),
    bank: z.string(),
    // Contracts signed before these were settings carry none.
    account: z.string().default(""),
    mfo: z.string().default(""),
  }),
});
type Parties = z.infer<typeof ZParties>;

function partiesOf(row: Pick<DealRow, "parties">): Parties | null {
  if (!row.parties) return null;
  const parsed = ZParties.safeParse(JSON.parse(row.parties));
  return parsed.success ? parsed.data : null;
}

function toDeal(row: DealRow): TDeal {
  const schedule = row.payments.map(toPayment);
  const paid = schedule.reduce((sum, payment) => sum + payment.paidAmount, 0);
  const due = schedule.reduce((sum, payment) => sum + payment.amount, 0);
  const listPrice = row.listPrice ?? row.price;
  const buyer = partiesOf(row)?.buyer ?? { fullName: row.lead.fullName, phone: row.lead.phone };
  return {
    id: row.id,
    number: row.number,
    leadId: row.leadId,
    lead: {
      id: row.lead.id,
      fullName: row.lead.fullName,
      phone: row.lead.phone,
      ownerId: row.lead.ownerId,
    },
    apartment: {
      id: row.apartment.id,
      complexId: row.apartment.complexId,
      block: row.apartment.block,
      number: row.apartment.number,
      area: row.apartment.area,
      status: row.apartment.status,
    },
    price: Number(row.price),
    listPrice: Number(listPrice),
    discountPct: discountPct(listPrice, row.price),
    currency: row.currency,
    downPayment: Number(row.downPayment),
    installmentMonths: row.installmentMonths,
    fixedUzsRate: row.fixedUzsRate === null ? null : Number(row.fixedUzsRate),
    approval: row.approval,
    approvalNote: row.approvalNote,
    approvedBy: row.approvedBy
      ? `${row.approvedBy.firstName} ${row.approvedBy.lastName}`.trim()
      : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    buyer,
    status: row.status,
    signedAt: row.signedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    schedule,
    receipts: row.receipts.map(toReceipt),
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

/** Contracts signed in a local month and still standing: the month's sales. */
export function signedIn(month: string) {
  const { start, end } = localMonth(month);
  return { status: "SIGNED" as const, signedAt: { gte: start, lt: end } };
}

/** The deals list's filters, also counted by the dashboard (so its figures match the list). */
export function dealsWhere(
  actor: Actor,
  query: Omit<z.output<typeof ZListDealsQuery>, "limit">,
): Prisma.ContractWhereInput {
  return {
    ...(query.leadId ? { leadId: query.leadId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.approval ? { approval: query.approval } : {}),
    ...(query.signedMonth ? signedIn(query.signedMonth) : {}),
    ...(leadPolicy.seesAll(actor) ? {} : { lead: { ownerId: actor.id } }),
  };
}

export async function listDeals(db: Db, actor: Actor, query: z.output<typeof ZListDealsQuery>) {
  const rows = await db.contract.findMany({
    where: dealsWhere(actor, query),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
    select: dealSelect,
  });
  return {
    items: rows.map((row) => {
      const { schedule: _schedule, receipts: _receipts, ...summary } = toDeal(row);
      return summary;
    }),
  };
}

export async function getDeal(db: Db | Tx, actor: Actor, id: number) {
  return toDeal(await visibleDeal(db, actor, id));
}

const invalid = (path: string, detail: string) =>
  new AppError("VALIDATION_FAILED", { detail, errors: [{ path, message: detail, code: path }] });

/**
 * Drafts the contract for the flat the lead holds, and its installment schedule (payments with
 * due dates), in one transaction. The price policy applies: a down payment of at least the set
 * share, a start date not further back than the grace, and a discount from the list price above
 * what the author's role may give puts the contract in line for approval before it can be
 * signed.
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
        select: { id: true, ownerId: true, archivedAt: true, fullName: true },
      }),
      "Lead",
    );
    // One live contract per lead; after a cancellation the buyer may sign a new one. Touching
    // the lead row first takes its lock, so two drafts racing for one lead queue here and the
    // second sees the first's contract (PostgreSQL re-reads per statement; SQLite has one writer).
    await tx.lead.update({ where: { id: lead.id }, data: { version: { increment: 1 } } });
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

    const listPrice = flat.price;
    const price = input.price ?? Number(listPrice);
    const policy = await pricingSettings(tx, actor.role);
    const minDown = minDownPayment(price, policy.minDownPaymentPct);
    if (input.downPayment < minDown) {
      throw invalid(
        "downPayment",
        `The down payment must be at least ${policy.minDownPaymentPct}% of the price (${minDown})`,
      );
    }
    const start = input.startDate ? new Date(input.startDate) : now;
    const earliest = new Date(localDay(now).start.getTime() - policy.startDateGraceDays * DAY);
    if (start < earliest) {
      throw invalid(
        "startDate",
        `The start date may be at most ${policy.startDateGraceDays} days in the past`,
      );
    }
    const problem = scheduleProblem({
      price,
      downPayment: input.downPayment,
      months: input.installmentMonths,
    });
    if (problem) throw invalid("downPayment", problem);
    const discount = discountPct(listPrice, price);
    const approval = needsApproval(discount, policy.maxDiscountPct)
      ? ("PENDING" as const)
      : ("NOT_REQUIRED" as const);

    const created = await tx.contract.create({
      data: {
        number: `draft-${lead.id}-${now.getTime()}`,
        leadId: lead.id,
        apartmentId: flat.id,
        price: BigInt(price),
        listPrice,
        currency: flat.currency,
        downPayment: BigInt(input.downPayment),
        installmentMonths: input.installmentMonths,
        fixedUzsRate: input.fixedUzsRate === undefined ? null : BigInt(input.fixedUzsRate),
        approval,
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
        approval,
        listPrice: Number(listPrice),
        number,
        leadId: lead.id,
        apartmentId: flat.id,
        price,
        currency: flat.currency,
        downPayment: input.downPayment,
        months: input.installmentMonths,
      },
    });
    if (approval === "PENDING") {
      await notify(
        tx,
        {
          kind: "deal.awaiting-approval",
          userIds: await usersWithRoles(tx, ["ROP", "ADMIN"]),
          payload: {
            dealId: created.id,
            dealNumber: number,
            leadName: lead.fullName,
            discountPct: discount,
          },
          entity: "Contract",
          entityId: created.id,
        },
        actor,
      );
    }
    return getDeal(tx, actor, created.id);
  });
}

/** A head of sales or an admin settles a contract waiting for approval. */
async function decide(
  db: Db,
  actor: Actor,
  id: number,
  decision: "APPROVED" | "REJECTED",
  note: string | null,
  now: Date,
) {
  return db.$transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id);
    if (deal.status !== "DRAFT")
      throw new AppError("CONFLICT", { detail: `The contract is ${deal.status.toLowerCase()}` });
    if (deal.approval !== "PENDING")
      throw new AppError("CONFLICT", { detail: "The contract is not waiting for approval" });
    const changed = await tx.contract.updateMany({
      where: { id, status: "DRAFT", approval: "PENDING" },
      data: { approval: decision, approvalNote: note, approvedById: actor.id, approvedAt: now },
    });
    if (changed.count === 0)
      throw new AppError("CONFLICT", { detail: "The contract changed meanwhile; reload" });
    if (decision === "APPROVED") {
      await audit(tx, actor, {
        action: "contract.approve",
        entityId: id,
        before: { approval: "PENDING" },
        after: { approval: "APPROVED", note },
      });
    } else {
      await audit(tx, actor, {
        action: "contract.reject",
        entityId: id,
        before: { approval: "PENDING" },
        after: { approval: "REJECTED", note: note ?? "" },
      });
    }
    const author = await tx.contract.findUniqueOrThrow({
      where: { id },
      select: { createdById: true },
    });
    if (author.createdById) {
      await notify(
        tx,
        {
          kind: "deal.decided",
          userIds: [author.createdById],
          payload: { dealId: id, dealNumber: deal.number, approved: decision === "APPROVED", note },
          entity: "Contract",
          entityId: id,
        },
        actor,
      );
    }
    return getDeal(tx, actor, id);
  });
}

export const approveDeal = (db: Db, actor: Actor, id: number, note?: string, now = new Date()) =>
  decide(db, actor, id, "APPROVED", note ?? null, now);

export const rejectDeal = (db: Db, actor: Actor, id: number, note: string, now = new Date()) =>
  decide(db, actor, id, "REJECTED", note, now);

/**
 * Signing sells: the held flat and the lead become SOLD, all or nothing, and the parties (the
 * buyer as the lead names them now, the company as the settings say now) are fixed on the
 * contract, so what was signed is what prints, whatever is edited later.
 */
export async function signDeal(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id);
    if (deal.status !== "DRAFT")
      throw new AppError("CONFLICT", { detail: `The contract is ${deal.status.toLowerCase()}` });
    if (deal.approval === "PENDING")
      throw new AppError("CONFLICT", {
        detail: "The price is below the discount limit: the contract waits for approval",
      });
    if (deal.approval === "REJECTED")
      throw new AppError("CONFLICT", {
        detail: "The contract's price was rejected: cancel it and draft a new one",
      });
    const sold = await tx.apartment.updateMany({
      where: { id: deal.apartment.id, status: "BOOKED", bookedLeadId: deal.leadId },
      data: { status: "SOLD", bookedUntil: null, version: { increment: 1 } },
    });
    if (sold.count === 0)
      throw new AppError("CONFLICT", { detail: "The lead no longer holds this flat" });
    const lead = await tx.lead.update({
      where: { id: deal.leadId },
      data: { version: { increment: 1 } },
      select: { status: true, fullName: true, phone: true },
    });
    await tx.lead.update({
      where: { id: deal.leadId },
      data: statusChange("SOLD", now),
    });
    const parties: Parties = {
      buyer: { fullName: lead.fullName, phone: lead.phone },
      company: await companyDetails(tx),
    };
    await tx.contract.update({
      where: { id },
      data: { status: "SIGNED", signedAt: now, parties: JSON.stringify(parties) },
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
    return getDeal(tx, actor, id);
  });
}

/**
 * Cancelling ends the hold on the flat through the one end-of-hold rule (the flat is free, the
 * lead goes back to work, the next lead in the flat's queue gets it) and drops instalments that
 * never received money; receipts stay on record. If the flat is not as this contract left it
 * (held or sold for this lead), nothing changes.
 */
export async function cancelDeal(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const deal = await visibleDeal(tx, actor, id);
    if (deal.status === "CANCELLED")
      throw new AppError("CONFLICT", { detail: "The contract is already cancelled" });
    const expected = deal.status === "SIGNED" ? "SOLD" : "BOOKED";
    const flat = deal.apartment;
    if (flat.status !== expected || flat.bookedLeadId !== deal.leadId) {
      throw new AppError("CONFLICT", {
        detail: `The flat is not ${expected.toLowerCase()} for this contract's lead; nothing was changed`,
      });
    }
    const ended = await endHold(
      tx,
      actor,
      {
        id: flat.id,
        version: flat.version,
        bookedUntil: flat.bookedUntil,
        bookedLeadId: deal.leadId,
      },
      { reason: "cancel", status: expected },
      now,
    );
    if (!ended) throw new AppError("CONFLICT", { detail: "The flat changed meanwhile; reload" });
    const dropped = await tx.payment.deleteMany({
      where: { contractId: id, paidAmount: 0, receipts: { none: {} } },
    });
    const changed = await tx.contract.updateMany({
      where: { id, status: deal.status },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    if (changed.count === 0)
      throw new AppError("CONFLICT", { detail: "The contract changed meanwhile; reload" });
    await audit(tx, actor, {
      action: "contract.cancel",
      entityId: id,
      before: { status: deal.status },
      after: { status: "CANCELLED", droppedPayments: dropped.count },
    });
    return getDeal(tx, actor, id);
  });
}

/**
 * The printable contract. A signed contract prints the parties fixed at signing; a draft
 * prints them as they are now (company details from settings: company.name, …).
 */
export async function dealPdf(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ number: string; pdf: Buffer }> {
  const row = await visibleDeal(db, actor, id);
  const deal = toDeal(row);
  const fixed = partiesOf(row);
  const [complex, company] = await Promise.all([
    db.complex.findUniqueOrThrow({
      where: { id: deal.apartment.complexId },
      select: { name: true },
    }),
    fixed ? Promise.resolve<CompanyDetails>(fixed.company) : companyDetails(db),
  ]);
  const pdf = await renderDealPdf(deal, complex.name, company);
  return { number: deal.number, pdf };
}
