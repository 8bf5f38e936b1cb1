import {
  leadPolicy,
  ZCurrency,
  ZLeadStatus,
  type TBulkLeadOutcome,
  type TBulkLeadResult,
  type TLeadBoardSummary,
  type ZBulkLeadRequest,
  type TLead,
  type TLeadFilters,
  type TLeadFlats,
  type TRoleCode,
  type ZCreateLeadRequest,
  type ZListLeadsQuery,
  type ZUpdateLeadRequest,
} from "@crm/contracts";
import {
  leadSearchText,
  Prisma,
  type Currency,
  type Db,
  type LeadSource,
  type LeadStatus,
  type SqlReader,
} from "@crm/db";
import {
  boardSummaryRows,
  countLeadRows,
  findLeadPage,
  leadTimestamps,
  type LeadListRow,
} from "./leads.repository";
import { statusChange } from "./lead-activity";
import type { z } from "zod";
import { ownedOrNotFound, ownerScope, type Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { decodeCursor, encodeCursor } from "../cursor";
import { endHold } from "../inventory/holds";
import { notify } from "../notifications/notifications";
import { AppError, ERROR_TITLES } from "../errors";

type Tx = Prisma.TransactionClient;

const LEAD_STATUSES = ZLeadStatus.options;
const CURRENCIES = ZCurrency.options;

export const leadSelect = {
  id: true,
  fullName: true,
  phone: true,
  region: true,
  source: true,
  status: true,
  lostReason: true,
  ownerId: true,
  complexId: true,
  apartmentId: true,
  budget: true,
  budgetCurrency: true,
  note: true,
  statusChangedAt: true,
  lastActivityAt: true,
  nextCallbackAt: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, firstName: true, lastName: true } },
} satisfies Prisma.LeadSelect;
type LeadRow = Prisma.LeadGetPayload<{ select: typeof leadSelect }>;

export function toLead(row: LeadRow | LeadListRow): TLead {
  const lead = {
    id: row.id,
    fullName: row.fullName,
    phone: row.phone,
    region: row.region,
    source: row.source,
    status: row.status,
    lostReason: row.lostReason,
    owner: row.owner
      ? { id: row.owner.id, name: `${row.owner.firstName} ${row.owner.lastName}`.trim() }
      : null,
    complexId: row.complexId,
    apartmentId: row.apartmentId,
    budget: row.budget === null ? null : Number(row.budget),
    budgetCurrency: row.budgetCurrency,
    note: row.note,
  };
  return Object.assign(lead, leadTimestamps(row));
}

type SortKey = "createdAt" | "updatedAt" | "fullName";
type CursorValue = [string, number];
const isCursor = (value: unknown): value is CursorValue =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === "string" &&
  Number.isSafeInteger(value[1]);

function cursorAfter(sort: SortKey, cursor: CursorValue | undefined) {
  if (!cursor) return undefined;
  const [raw, id] = cursor;
  if (sort === "fullName") return { value: raw, id };
  const value = new Date(raw);
  if (Number.isNaN(value.getTime()))
    throw new AppError("VALIDATION_FAILED", { detail: "Invalid cursor" });
  return { value, id };
}

function assertArchiveFilter(actor: Actor, filters: TLeadFilters) {
  if (filters.archived !== "exclude" && !leadPolicy.seesArchived(actor)) {
    throw new AppError("FORBIDDEN", { detail: "Only an admin lists archived leads" });
  }
  // Budgets are compared within one currency: 1,000 сум is not 1,000 dollars.
  if (
    (filters.budgetMin !== undefined || filters.budgetMax !== undefined) &&
    !filters.budgetCurrency
  ) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "A budget range needs its currency",
      errors: [
        {
          path: "budgetCurrency",
          message: "Required with budgetMin or budgetMax",
          code: "required",
        },
      ],
    });
  }
  if (
    filters.budgetMin !== undefined &&
    filters.budgetMax !== undefined &&
    filters.budgetMin > filters.budgetMax
  ) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "The budget's minimum is above its maximum",
      errors: [{ path: "budgetMax", message: "Below budgetMin", code: "too_small" }],
    });
  }
}

export async function listLeads(
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZListLeadsQuery>,
) {
  assertArchiveFilter(actor, query);
  const { sort, order, limit } = query;
  const rows = await findLeadPage(reader, {
    scopeOwnerId: ownerScope(actor).ownerId,
    filters: query,
    sort,
    order,
    limit: limit + 1,
    after: cursorAfter(sort, decodeCursor(query.cursor, isCursor)),
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor([sort === "fullName" ? last.fullName : last[sort], last.id])
      : null;
  return { items: items.map(toLead), nextCursor };
}

export async function countLeads(reader: SqlReader, actor: Actor, filters: TLeadFilters) {
  assertArchiveFilter(actor, filters);
  return { total: await countLeadRows(reader, ownerScope(actor).ownerId, filters) };
}

/**
 * The board's column headers: per status, how many leads the filters match and the sum of
 * their budgets per currency — the same filters, seller scope and archive rule as the list. A
 * budget without a currency is taken as сум, as the lead's card shows it.
 */
export async function leadBoardSummary(
  reader: SqlReader,
  actor: Actor,
  filters: TLeadFilters,
): Promise<TLeadBoardSummary> {
  assertArchiveFilter(actor, filters);
  const rows = await boardSummaryRows(reader, ownerScope(actor).ownerId, filters);
  const columns = new Map<LeadStatus, { count: number; sums: Map<Currency, bigint> }>();
  for (const row of rows) {
    const column = columns.get(row.status) ?? { count: 0, sums: new Map<Currency, bigint>() };
    column.count += row.count;
    const currency = row.currency ?? "UZS";
    if (row.total !== 0n || row.currency !== null) {
      column.sums.set(currency, (column.sums.get(currency) ?? 0n) + row.total);
    }
    columns.set(row.status, column);
  }
  return {
    columns: LEAD_STATUSES.flatMap((status) => {
      const column = columns.get(status);
      if (!column) return [];
      const budgets = CURRENCIES.flatMap((currency) => {
        const total = column.sums.get(currency);
        // Money is a JSON number (decision 002); sums far past 2^53 tiyin round, never wrap.
        return total === undefined ? [] : [{ currency, total: Number(total) }];
      });
      return [{ status, count: column.count, budgets }];
    }),
  };
}

/**
 * Every lead the list would show with these filters, newest first, page by page (a report):
 * the same filters, the same seller scope and archive rule as the list and its count.
 */
export async function* eachListedLead(
  reader: SqlReader,
  actor: Actor,
  filters: TLeadFilters,
  pageSize = 500,
): AsyncGenerator<LeadListRow[]> {
  assertArchiveFilter(actor, filters);
  let after: { value: Date; id: number } | undefined;
  for (;;) {
    const rows = await findLeadPage(reader, {
      scopeOwnerId: ownerScope(actor).ownerId,
      filters,
      sort: "createdAt",
      order: "desc",
      limit: pageSize,
      after,
    });
    if (rows.length) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    // Bound as a Date: each driver then compares it with the stored form.
    after = { value: new Date(last.createdAt), id: last.id };
  }
}

/** Refuses filters the actor may not use (archived leads are an admin's), before any work. */
export function checkLeadFilters(actor: Actor, filters: TLeadFilters) {
  assertArchiveFilter(actor, filters);
}

async function findVisible(
  db: Db | Tx,
  actor: Actor,
  id: number,
  archived: "hidden" | "readable" = "hidden",
) {
  const row = await db.lead.findUnique({ where: { id }, select: leadSelect });
  return ownedOrNotFound(actor, row, "Lead", { archived });
}

export async function getLead(db: Db, actor: Actor, id: number): Promise<TLead> {
  return toLead(await findVisible(db, actor, id, "readable"));
}

const leadFlatSelect = {
  id: true,
  number: true,
  complexId: true,
  status: true,
  bookedUntil: true,
  complex: { select: { name: true } },
} satisfies Prisma.ApartmentSelect;

/** The lead's flat of interest and the flats held for it, named by number and complex. */
export async function leadFlats(db: Db, actor: Actor, id: number): Promise<TLeadFlats> {
  const lead = await findVisible(db, actor, id, "readable");
  const [interest, holds] = await Promise.all([
    lead.apartmentId === null
      ? null
      : db.apartment.findUnique({ where: { id: lead.apartmentId }, select: leadFlatSelect }),
    db.apartment.findMany({
      where: { bookedLeadId: id },
      select: leadFlatSelect,
      orderBy: { id: "asc" },
    }),
  ]);
  const toFlat = (flat: Prisma.ApartmentGetPayload<{ select: typeof leadFlatSelect }>) => ({
    id: flat.id,
    number: flat.number,
    complexId: flat.complexId,
    complexName: flat.complex.name,
    status: flat.status,
    bookedUntil: flat.bookedUntil?.toISOString() ?? null,
  });
  return { interest: interest ? toFlat(interest) : null, holds: holds.map(toFlat) };
}

/**
 * Writes a lead only if nobody changed it since it was read (its version), so a write based on
 * a stale read — a form saved while the contract was being signed — is refused, not applied.
 */
async function updateIfUnchanged(
  tx: Tx,
  lead: { id: number; version: number },
  data: Prisma.LeadUncheckedUpdateManyInput,
) {
  const changed = await tx.lead.updateMany({
    where: { id: lead.id, version: lead.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (changed.count === 0) {
    throw new AppError("CONFLICT", { detail: "The lead changed meanwhile; reload and try again" });
  }
  return tx.lead.findUniqueOrThrow({ where: { id: lead.id }, select: leadSelect });
}

/** Only active sellers and sales managers can own leads. */
async function assertOwnerCandidate(tx: Db | Tx, ownerId: number) {
  const owner = await tx.user.findUnique({
    where: { id: ownerId },
    select: { isActive: true, role: { select: { code: true } } },
  });
  if (!owner || !owner.isActive || !["SELLER", "MOP"].includes(owner.role.code)) {
    throw new AppError("CONFLICT", {
      detail: "The new owner must be an active seller or sales manager",
      errors: [{ path: "ownerId", message: "Not an active seller", code: "invalid_owner" }],
    });
  }
}

async function assertNoDuplicate(tx: Tx, actor: Actor, phone: string, exceptId?: number) {
  const existing = await tx.lead.findUnique({
    where: { phone },
    select: {
      id: true,
      ownerId: true,
      archivedAt: true,
      owner: { select: { role: { select: { code: true } } } },
    },
  });
  if (!existing || existing.id === exceptId) return;
  const isOwn = existing.ownerId === actor.id;
  const visible = existing.archivedAt
    ? leadPolicy.seesArchived(actor)
    : leadPolicy.canSee(actor, existing);
  const ownerRole = (existing.owner?.role.code ?? null) as TRoleCode | null;
  throw new AppError("CONFLICT", {
    detail: existing.archivedAt
      ? "An archived lead has this phone; an admin can restore it"
      : isOwn
        ? "You already have a lead with this phone"
        : `A lead with this phone already exists (owner: ${ownerRole ?? "unassigned"})`,
    errors: [{ path: "phone", message: "Duplicate phone", code: "duplicate" }],
    extra: { duplicate: { ownerRole, isOwn, leadId: visible ? existing.id : null } },
  });
}

export interface NewLead {
  fullName: string;
  /** E.164. */
  phone: string;
  region: string | null;
  source: LeadSource;
  ownerId: number | null;
  complexId: number | null;
  apartmentId: number | null;
  budget: number | null;
  budgetCurrency: Currency | null;
  note: string | null;
}

/**
 * Inserts a lead and its "created" audit row: the one way a lead comes into being, whether a
 * seller types it in, a prospect writes to the bot or a landing page posts a form.
 */
export async function insertLead(tx: Tx, actor: AuditActor | null, fields: NewLead) {
  // A new lead's last activity is its creation (lead-activity.ts).
  const now = new Date();
  const row = await tx.lead.create({
    data: {
      ...fields,
      createdAt: now,
      statusChangedAt: now,
      lastActivityAt: now,
      searchText: leadSearchText(fields.fullName, fields.phone),
      budget: fields.budget === null ? null : BigInt(fields.budget),
    },
    select: leadSelect,
  });
  const lead = toLead(row);
  await audit(tx, actor, {
    action: "lead.create",
    entityId: lead.id,
    after: {
      status: lead.status,
      ownerId: fields.ownerId,
      source: lead.source,
      complexId: lead.complexId,
    },
  });
  return lead;
}

export async function createLead(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateLeadRequest>,
): Promise<TLead> {
  // A seller's leads are their own; managers may create one for someone else or for no one.
  const ownerId = leadPolicy.canReassign(actor) ? (input.ownerId ?? null) : actor.id;
  try {
    return await db.$transaction(async (tx) => {
      await assertNoDuplicate(tx, actor, input.phone);
      if (ownerId !== null && ownerId !== actor.id) await assertOwnerCandidate(tx, ownerId);
      const lead = await insertLead(tx, actor, {
        fullName: input.fullName,
        phone: input.phone,
        region: input.region ?? null,
        source: input.source,
        ownerId,
        complexId: input.complexId ?? null,
        apartmentId: input.apartmentId ?? null,
        budget: input.budget ?? null,
        budgetCurrency: input.budgetCurrency ?? null,
        note: input.note ?? null,
      });
      if (ownerId !== null) {
        await notify(
          tx,
          {
            kind: "lead.assigned",
            userIds: [ownerId],
            payload: { leadId: lead.id, leadName: lead.fullName },
            entity: "Lead",
            entityId: lead.id,
          },
          actor,
        );
      }
      return lead;
    });
  } catch (error) {
    throw mapLeadWriteError(error);
  }
}

const FIELD_KEYS = [
  "fullName",
  "phone",
  "region",
  "source",
  "complexId",
  "apartmentId",
  "budget",
  "budgetCurrency",
  "note",
] as const;

export async function updateLead(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateLeadRequest>,
): Promise<TLead> {
  try {
    return await db.$transaction((tx) => updateLeadWithin(tx, actor, id, input));
  } catch (error) {
    throw mapLeadWriteError(error);
  }
}

/** `updateLead` inside a transaction the caller holds (several leads in one unit of work). */
export async function updateLeadWithin(
  tx: Tx,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateLeadRequest>,
): Promise<TLead> {
  const row = await findVisible(tx, actor, id);
  const before = toLead(row);
  if (input.phone && input.phone !== before.phone)
    await assertNoDuplicate(tx, actor, input.phone, id);

  const statusChanges = input.status !== undefined && input.status !== before.status;
  if (statusChanges && !leadPolicy.canChangeStatus(actor, { ...row, status: before.status })) {
    throw new AppError("CONFLICT", {
      detail:
        before.status === "SOLD"
          ? "The lead is sold: cancel its contract to reopen it"
          : "The lead holds a flat: release the hold (or let it expire) to change its status",
    });
  }
  const nextStatus = input.status ?? before.status;
  if (nextStatus === "LOST" && !(input.lostReason ?? before.lostReason)) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "A lost lead needs a reason",
      errors: [{ path: "lostReason", message: "Required when status is LOST", code: "required" }],
    });
  }
  const fullName = input.fullName ?? before.fullName;
  const phone = input.phone ?? before.phone;
  const after = toLead(
    await updateIfUnchanged(tx, row, {
      fullName: input.fullName,
      phone: input.phone,
      searchText: input.fullName || input.phone ? leadSearchText(fullName, phone) : undefined,
      region: input.region,
      source: input.source,
      complexId: input.complexId,
      apartmentId: input.apartmentId,
      budget:
        input.budget === undefined
          ? undefined
          : input.budget === null
            ? null
            : BigInt(input.budget),
      budgetCurrency: input.budgetCurrency,
      note: input.note,
      status: input.status,
      lostReason: nextStatus === "LOST" ? (input.lostReason ?? before.lostReason) : null,
      ...(statusChanges ? statusChange(nextStatus, new Date()) : {}),
    }),
  );
  if (statusChanges) {
    await audit(tx, actor, {
      action: "lead.status",
      entityId: id,
      before: { status: before.status, lostReason: before.lostReason },
      after: {
        status: after.status,
        ...(after.lostReason ? { lostReason: after.lostReason } : {}),
      },
    });
  }
  const changed = FIELD_KEYS.filter(
    (key) => input[key] !== undefined && before[key] !== after[key],
  );
  if (changed.length > 0) {
    await audit(tx, actor, {
      action: "lead.update",
      entityId: id,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
  }
  return after;
}

/**
 * Archives a lead: it leaves lists and statistics but is never deleted. A lead with a contract
 * or a payment is money on record and stays as it is (409). A flat it holds is released through
 * the one end-of-hold rule (the next lead in line gets it), and it leaves every queue.
 */
export async function archiveLead(db: Db, actor: Actor, id: number, now = new Date()) {
  await db.$transaction(async (tx) => {
    const row = await findVisible(tx, actor, id);
    if (!leadPolicy.canArchive(actor, row)) {
      throw new AppError("FORBIDDEN", {
        detail: "Only the lead's owner or an admin may archive it",
      });
    }
    const [contracts, payments] = await Promise.all([
      tx.contract.count({ where: { leadId: id } }),
      tx.payment.count({ where: { leadId: id } }),
    ]);
    if (contracts > 0 || payments > 0) {
      throw new AppError("CONFLICT", {
        detail:
          "This lead has a contract or payments: money records are kept, so it cannot be archived",
      });
    }
    // Claims the lead first (version), so a booking racing the archive is refused or finished.
    await updateIfUnchanged(tx, row, { archivedAt: now });
    const held = await tx.apartment.findMany({
      where: { bookedLeadId: id, status: "BOOKED" },
      select: { id: true, version: true, bookedUntil: true, bookedLeadId: true },
    });
    for (const flat of held) {
      if (!(await endHold(tx, actor, flat, "release", now))) {
        throw new AppError("CONFLICT", { detail: "A hold of this lead changed meanwhile; reload" });
      }
    }
    const queued = await tx.bookingQueueEntry.findMany({
      where: { leadId: id },
      select: { id: true, apartmentId: true },
    });
    for (const entry of queued) {
      await tx.bookingQueueEntry.delete({ where: { id: entry.id } });
      await audit(tx, actor, {
        action: "apartment.queue.leave",
        entityId: entry.apartmentId,
        before: { leadId: id },
      });
    }
    await audit(tx, actor, {
      action: "lead.archive",
      entityId: id,
      before: { status: row.status },
      after: { archivedAt: now.toISOString() },
    });
  });
}

/** Brings an archived lead back to the lists, as it was (a released hold stays released). */
export async function restoreLead(db: Db, actor: Actor, id: number): Promise<TLead> {
  return db.$transaction(async (tx) => {
    const row = await findVisible(tx, actor, id, "readable");
    if (!row.archivedAt) throw new AppError("CONFLICT", { detail: "The lead is not archived" });
    const after = await updateIfUnchanged(tx, row, { archivedAt: null });
    await audit(tx, actor, {
      action: "lead.restore",
      entityId: id,
      before: { archivedAt: row.archivedAt.toISOString() },
      after: { status: after.status },
    });
    return toLead(after);
  });
}

export async function reassignLead(
  db: Db,
  actor: Actor,
  id: number,
  ownerId: number,
): Promise<TLead> {
  return db.$transaction(async (tx) => {
    const before = await findVisible(tx, actor, id);
    await assertOwnerCandidate(tx, ownerId);
    const row = await updateIfUnchanged(tx, before, { ownerId });
    if (before.ownerId !== ownerId) {
      // Names are kept beside the ids so the timeline reads well even after a user is renamed.
      const name = (user: { firstName: string; lastName: string } | null) =>
        user ? `${user.firstName} ${user.lastName}`.trim() : null;
      await audit(tx, actor, {
        action: "lead.owner",
        entityId: id,
        before: { ownerId: before.ownerId, ownerName: name(before.owner) },
        after: { ownerId, ownerName: name(row.owner) },
      });
      await notify(
        tx,
        {
          kind: "lead.assigned",
          userIds: [ownerId],
          payload: { leadId: id, leadName: row.fullName },
          entity: "Lead",
          entityId: id,
        },
        actor,
      );
    }
    return toLead(row);
  });
}

/**
 * One action over a selection of leads, each through its single-lead operation (`reassignLead`,
 * `updateLead`), so each gets the same access check, status rule, version check, audit and
 * notification as one changed on its card. A lead that operation refuses (someone else's, gone,
 * archived, holding a flat, changed meanwhile) is reported with the problem it raised; the others
 * go through, each in its own transaction, so one refusal never undoes the rest.
 */
export async function bulkUpdateLeads(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZBulkLeadRequest>,
): Promise<TBulkLeadResult> {
  if (input.action === "reassign") {
    if (!leadPolicy.canReassign(actor)) {
      throw new AppError("FORBIDDEN", { detail: "Only sales managers reassign leads" });
    }
    // Refused once for the whole selection rather than once per lead.
    await assertOwnerCandidate(db, input.ownerId);
  } else if (!leadPolicy.canWork(actor)) {
    throw new AppError("FORBIDDEN", { detail: "Your role may not change leads" });
  }
  const results: TBulkLeadOutcome[] = [];
  for (const id of input.ids) {
    try {
      const lead =
        input.action === "reassign"
          ? await reassignLead(db, actor, id, input.ownerId)
          : await updateLead(db, actor, id, {
              status: input.status,
              lostReason: input.lostReason,
            });
      results.push({ id, ok: true, lead });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({
        id,
        ok: false,
        code: error.code,
        title: ERROR_TITLES[error.code],
        detail: error.detail ?? null,
      });
    }
  }
  const done = results.filter((result) => result.ok).length;
  return { results, done, refused: results.length - done };
}

function mapLeadWriteError(error: unknown): unknown {
  // The unique index on phone is the last word when two creates race past the duplicate check.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new AppError("CONFLICT", {
      detail: "A lead with this phone already exists",
      errors: [{ path: "phone", message: "Duplicate phone", code: "duplicate" }],
    });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
    return new AppError("VALIDATION_FAILED", {
      detail: "A referenced complex or flat does not exist",
    });
  }
  return error;
}
