import {
  leadPolicy,
  type TLead,
  type TLeadFilters,
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
  type SqlReader,
} from "@crm/db";
import { countLeadRows, findLeadPage, type LeadListRow } from "./leads.repository";
import type { z } from "zod";
import { ownedOrNotFound, ownerScope, type Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { decodeCursor, encodeCursor } from "../cursor";
import { AppError } from "../errors";

type Tx = Prisma.TransactionClient;

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
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, firstName: true, lastName: true } },
} satisfies Prisma.LeadSelect;
type LeadRow = Prisma.LeadGetPayload<{ select: typeof leadSelect }>;

export function toLead(row: LeadRow | LeadListRow): TLead {
  return {
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
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
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

export async function listLeads(
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZListLeadsQuery>,
) {
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
      ? encodeCursor([sort === "fullName" ? last.fullName : last[sort].toISOString(), last.id])
      : null;
  return { items: items.map(toLead), nextCursor };
}

export async function countLeads(reader: SqlReader, actor: Actor, filters: TLeadFilters) {
  return { total: await countLeadRows(reader, ownerScope(actor).ownerId, filters) };
}

async function findVisible(db: Db | Tx, actor: Actor, id: number) {
  const row = await db.lead.findUnique({ where: { id }, select: leadSelect });
  return ownedOrNotFound(actor, row, "Lead");
}

export async function getLead(db: Db, actor: Actor, id: number): Promise<TLead> {
  return toLead(await findVisible(db, actor, id));
}

/** Only active sellers and sales managers can own leads. */
async function assertOwnerCandidate(tx: Tx, ownerId: number) {
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
    select: { id: true, ownerId: true, owner: { select: { role: { select: { code: true } } } } },
  });
  if (!existing || existing.id === exceptId) return;
  const isOwn = existing.ownerId === actor.id;
  const visible = leadPolicy.canSee(actor, existing);
  const ownerRole = (existing.owner?.role.code ?? null) as TRoleCode | null;
  throw new AppError("CONFLICT", {
    detail: isOwn
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
  const row = await tx.lead.create({
    data: {
      ...fields,
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
    return await db.$transaction(async (tx) => {
      const before = toLead(await findVisible(tx, actor, id));
      if (input.phone && input.phone !== before.phone)
        await assertNoDuplicate(tx, actor, input.phone, id);

      const statusChanges = input.status !== undefined && input.status !== before.status;
      if (
        statusChanges &&
        !leadPolicy.canChangeStatus(actor, {
          ownerId: before.owner?.id ?? null,
          status: before.status,
        })
      ) {
        throw new AppError("CONFLICT", { detail: "A sold lead can only be reopened by an admin" });
      }
      const nextStatus = input.status ?? before.status;
      if (nextStatus === "LOST" && !(input.lostReason ?? before.lostReason)) {
        throw new AppError("VALIDATION_FAILED", {
          detail: "A lost lead needs a reason",
          errors: [
            { path: "lostReason", message: "Required when status is LOST", code: "required" },
          ],
        });
      }
      const fullName = input.fullName ?? before.fullName;
      const phone = input.phone ?? before.phone;
      const row = await tx.lead.update({
        where: { id },
        data: {
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
          statusChangedAt: statusChanges ? new Date() : undefined,
        },
        select: leadSelect,
      });
      const after = toLead(row);
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
    });
  } catch (error) {
    throw mapLeadWriteError(error);
  }
}

export async function deleteLead(db: Db, actor: Actor, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const lead = toLead(await findVisible(tx, actor, id));
    // Deleting is for the owner or an admin; a sales manager reassigns instead.
    if (!leadPolicy.canDelete(actor, { ownerId: lead.owner?.id ?? null })) {
      throw new AppError("FORBIDDEN", {
        detail: "Only the lead's owner or an admin may delete it",
      });
    }
    await tx.lead.delete({ where: { id } });
    await audit(tx, actor, {
      action: "lead.delete",
      entityId: id,
      before: {
        fullName: lead.fullName,
        phone: lead.phone,
        status: lead.status,
        ownerId: lead.owner?.id ?? null,
      },
    });
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
    const row = await tx.lead.update({ where: { id }, data: { ownerId }, select: leadSelect });
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
    }
    return toLead(row);
  });
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
