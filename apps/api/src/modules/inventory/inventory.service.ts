import type {
  TComplex,
  TFlat,
  TGrid,
  ZCreateComplexRequest,
  ZCreateFlatRequest,
  ZGridQuery,
  ZUpdateComplexRequest,
  ZUpdateFlatRequest,
} from "@crm/contracts";
import {
  bookingDays,
  endHold,
  Prisma,
  releaseExpiredHolds as releaseExpired,
  type ApartmentStatus,
  type Currency,
  type Db,
  type SqlReader,
} from "@crm/db";
import type { z } from "zod";
import { ownedOrNotFound, type Actor } from "../../lib/actor";
import { audit } from "../../lib/audit";
import { AppError, notFound } from "../../lib/errors";
import { date, int, intOrNull } from "../../lib/sql";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
const perM2 = (price: bigint | number, area: number) => Math.round(Number(price) / area);

// ── Complexes ───────────────────────────────────────────────────────────────

async function statusCounts(db: Db, complexIds: number[]) {
  const groups = await db.apartment.groupBy({
    by: ["complexId", "status"],
    where: { complexId: { in: complexIds } },
    _count: { _all: true },
  });
  const counts = new Map<number, Record<ApartmentStatus, number>>();
  for (const id of complexIds) counts.set(id, { FREE: 0, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 });
  for (const group of groups) counts.get(group.complexId)![group.status] = group._count._all;
  return counts;
}

type ComplexRow = Prisma.ComplexGetPayload<object>;
function toComplex(row: ComplexRow, flats: Record<ApartmentStatus, number>): TComplex {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    city: row.city,
    address: row.address,
    description: row.description,
    currency: row.currency,
    isPublished: row.isPublished,
    googleSheetId: row.googleSheetId,
    flats,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listComplexes(db: Db) {
  const rows = await db.complex.findMany({ orderBy: { name: "asc" } });
  const counts = await statusCounts(
    db,
    rows.map((row) => row.id),
  );
  return { items: rows.map((row) => toComplex(row, counts.get(row.id)!)) };
}

export async function getComplex(db: Db, id: number): Promise<TComplex> {
  const row = await db.complex.findUnique({ where: { id } });
  if (!row) throw notFound("Complex");
  return toComplex(row, (await statusCounts(db, [id])).get(id)!);
}

const slugConflict = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
    ? new AppError("CONFLICT", {
        detail: "This slug is taken",
        errors: [{ path: "slug", message: "Already in use", code: "unique" }],
      })
    : error;

export async function createComplex(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateComplexRequest>,
) {
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.complex.create({
        data: { ...input, googleSheetId: input.googleSheetId ?? null },
      });
      await audit(tx, actor, {
        action: "complex.create",
        entity: "Complex",
        entityId: created.id,
        after: input,
      });
      return created;
    });
    return toComplex(row, { FREE: 0, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 });
  } catch (error) {
    throw slugConflict(error);
  }
}

export async function updateComplex(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateComplexRequest>,
) {
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.complex.findUnique({ where: { id } });
      if (!before) throw notFound("Complex");
      await tx.complex.update({ where: { id }, data: input });
      await audit(tx, actor, {
        action: "complex.update",
        entity: "Complex",
        entityId: id,
        before: Object.fromEntries(
          Object.keys(input).map((key) => [key, before[key as keyof ComplexRow]]),
        ),
        after: input,
      });
    });
  } catch (error) {
    throw slugConflict(error);
  }
  return getComplex(db, id);
}

// ── Шахматка ────────────────────────────────────────────────────────────────

/**
 * The whole grid in one statement on the read path (a 3,000-flat complex is one index range),
 * shaped into blocks × floors (top floor first, as drawn) × flats. Filters mark cells rather
 * than drop them, so the grid keeps its shape and non-matching flats are drawn dimmed.
 */
export async function complexGrid(
  db: Db,
  reader: SqlReader,
  id: number,
  query: z.output<typeof ZGridQuery>,
): Promise<TGrid> {
  const complex = await db.complex.findUnique({
    where: { id },
    select: { id: true, name: true, slug: true, currency: true },
  });
  if (!complex) throw notFound("Complex");
  const rows = await reader.all(Prisma.sql`
    SELECT "id", "block", "section", "floor", "number", "rooms", "area", "price", "status",
           "bookedLeadId", "bookedUntil"
    FROM "Apartment" WHERE "complexId" = ${id}`);
  const counts: Record<ApartmentStatus, number> = { FREE: 0, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 };
  const blocks = new Map<string, Map<number, TGrid["blocks"][number]["floors"][number]["flats"]>>();
  for (const row of rows) {
    const status = row.status as ApartmentStatus;
    counts[status] += 1;
    const area = Number(row.area);
    const price = Number(row.price);
    const match =
      (query.rooms === undefined || int(row.rooms) === query.rooms) &&
      (query.status === undefined || status === query.status) &&
      (query.priceMin === undefined || price >= query.priceMin) &&
      (query.priceMax === undefined || price <= query.priceMax) &&
      (query.areaMin === undefined || area >= query.areaMin) &&
      (query.areaMax === undefined || area <= query.areaMax);
    const block = String(row.block);
    const floor = int(row.floor);
    if (!blocks.has(block)) blocks.set(block, new Map());
    const floors = blocks.get(block)!;
    if (!floors.has(floor)) floors.set(floor, []);
    floors.get(floor)!.push({
      id: int(row.id),
      number: String(row.number),
      section: String(row.section ?? ""),
      rooms: int(row.rooms),
      area,
      price,
      pricePerM2: perM2(price, area),
      status,
      match,
      bookedLeadId: intOrNull(row.bookedLeadId),
      bookedUntil: row.bookedUntil ? date(row.bookedUntil).toISOString() : null,
    });
  }
  return {
    complex,
    counts,
    blocks: [...blocks.entries()]
      .sort(([a], [b]) => natural(a, b))
      .map(([block, floors]) => ({
        block,
        floors: [...floors.entries()]
          .sort(([a], [b]) => b - a)
          .map(([floor, flats]) => ({
            floor,
            flats: flats.sort((x, y) => natural(x.number, y.number)),
          })),
      })),
  };
}

// ── Flats ───────────────────────────────────────────────────────────────────

const flatSelect = {
  id: true,
  complexId: true,
  block: true,
  section: true,
  floor: true,
  number: true,
  rooms: true,
  area: true,
  price: true,
  currency: true,
  status: true,
  bookedUntil: true,
  version: true,
  bookedLead: { select: { id: true, fullName: true, ownerId: true } },
} satisfies Prisma.ApartmentSelect;
type FlatRow = Prisma.ApartmentGetPayload<{ select: typeof flatSelect }>;

function toFlat(row: FlatRow): TFlat {
  return {
    id: row.id,
    complexId: row.complexId,
    block: row.block,
    section: row.section,
    floor: row.floor,
    number: row.number,
    rooms: row.rooms,
    area: row.area,
    price: Number(row.price),
    pricePerM2: perM2(row.price, row.area),
    currency: row.currency,
    status: row.status,
    bookedLead: row.bookedLead,
    bookedUntil: row.bookedUntil?.toISOString() ?? null,
    version: row.version,
  };
}

const flatConflict = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
    ? new AppError("CONFLICT", {
        detail: "This block already has a flat with this number",
        errors: [{ path: "number", message: "Already in use", code: "unique" }],
      })
    : error;

export async function createFlat(
  db: Db,
  actor: Actor,
  complexId: number,
  input: z.output<typeof ZCreateFlatRequest>,
) {
  const complex = await db.complex.findUnique({
    where: { id: complexId },
    select: { currency: true },
  });
  if (!complex) throw notFound("Complex");
  const currency: Currency = input.currency ?? complex.currency;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.apartment.create({
        data: { ...input, complexId, currency, price: BigInt(input.price) },
        select: flatSelect,
      });
      await tx.apartmentPrice.create({
        data: { apartmentId: row.id, price: row.price, currency, changedById: actor.id },
      });
      await audit(tx, actor, {
        action: "apartment.create",
        entity: "Apartment",
        entityId: row.id,
        after: { ...input, currency },
      });
      return toFlat(row);
    });
  } catch (error) {
    throw flatConflict(error);
  }
}

export async function getFlat(db: Db, actor: Actor, id: number) {
  const row = await db.apartment.findUnique({
    where: { id },
    select: {
      ...flatSelect,
      priceHistory: {
        orderBy: { changedAt: "desc" },
        take: 50,
        select: {
          price: true,
          currency: true,
          changedAt: true,
          changedBy: { select: { firstName: true, lastName: true } },
        },
      },
      queue: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { createdAt: true, lead: { select: { id: true, fullName: true, ownerId: true } } },
      },
    },
  });
  if (!row) throw notFound("Flat");
  const flat = toFlat(row);
  if (flat.bookedLead && actor.role === "SELLER" && flat.bookedLead.ownerId !== actor.id) {
    // Another seller's buyer: the flat is taken, by whom is not this seller's business.
    flat.bookedLead = { ...flat.bookedLead, fullName: null };
  }
  return {
    ...flat,
    priceHistory: row.priceHistory.map((entry) => ({
      price: Number(entry.price),
      currency: entry.currency,
      changedAt: entry.changedAt.toISOString(),
      changedBy: entry.changedBy
        ? `${entry.changedBy.firstName} ${entry.changedBy.lastName}`.trim()
        : null,
    })),
    queue: row.queue.map((entry) => ({
      leadId: entry.lead.id,
      // A seller sees their place in line, not who else is waiting.
      fullName:
        actor.role !== "SELLER" || entry.lead.ownerId === actor.id ? entry.lead.fullName : null,
      since: entry.createdAt.toISOString(),
    })),
  };
}

export async function enqueue(db: Db, actor: Actor, id: number, leadId: number) {
  await db.$transaction(async (tx) => {
    const lead = await bookableLead(tx, actor, leadId);
    const flat = await tx.apartment.findUnique({
      where: { id },
      select: { status: true, bookedLeadId: true },
    });
    if (!flat) throw notFound("Flat");
    if (flat.status === "FREE")
      throw new AppError("CONFLICT", { detail: "The flat is free: book it instead" });
    if (flat.status !== "BOOKED")
      throw new AppError("CONFLICT", { detail: `The flat is ${flat.status.toLowerCase()}` });
    if (flat.bookedLeadId === lead.id)
      throw new AppError("CONFLICT", { detail: "This lead already holds the flat" });
    try {
      await tx.bookingQueueEntry.create({
        data: { apartmentId: id, leadId: lead.id, createdById: actor.id },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("CONFLICT", { detail: "This lead is already in line for the flat" });
      }
      throw error;
    }
    await audit(tx, actor, {
      action: "apartment.queue",
      entity: "Apartment",
      entityId: id,
      after: { leadId: lead.id },
    });
  });
  return getFlat(db, actor, id);
}

export async function dequeue(db: Db, actor: Actor, id: number, leadId: number) {
  const entry = await db.bookingQueueEntry.findUnique({
    where: { apartmentId_leadId: { apartmentId: id, leadId } },
    select: { id: true, lead: { select: { ownerId: true } } },
  });
  if (!entry) throw notFound("Queue entry");
  ownedOrNotFound(actor, entry.lead, "Queue entry");
  await db.$transaction(async (tx) => {
    await tx.bookingQueueEntry.delete({ where: { id: entry.id } });
    await audit(tx, actor, {
      action: "apartment.dequeue",
      entity: "Apartment",
      entityId: id,
      before: { leadId },
    });
  });
  return getFlat(db, actor, id);
}

export async function updateFlat(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateFlatRequest>,
) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.apartment.findUnique({ where: { id }, select: flatSelect });
      if (!before) throw notFound("Flat");
      if (input.status && (before.status === "BOOKED" || before.status === "SOLD")) {
        throw new AppError("CONFLICT", {
          detail: `A ${before.status.toLowerCase()} flat changes status through booking and contracts`,
        });
      }
      const price = input.price === undefined ? undefined : BigInt(input.price);
      const row = await tx.apartment.update({
        where: { id },
        data: { ...input, price, version: { increment: 1 } },
        select: flatSelect,
      });
      const priceChanged = row.price !== before.price || row.currency !== before.currency;
      if (priceChanged) {
        await tx.apartmentPrice.create({
          data: {
            apartmentId: id,
            price: row.price,
            currency: row.currency,
            changedById: actor.id,
          },
        });
        await audit(tx, actor, {
          action: "apartment.price",
          entity: "Apartment",
          entityId: id,
          before: { price: before.price, currency: before.currency },
          after: { price: row.price, currency: row.currency },
        });
      }
      const otherKeys = Object.keys(input).filter(
        (key) => key !== "price" && key !== "currency",
      ) as (keyof typeof input)[];
      if (otherKeys.length) {
        await audit(tx, actor, {
          action: "apartment.update",
          entity: "Apartment",
          entityId: id,
          before: Object.fromEntries(otherKeys.map((key) => [key, before[key]])),
          after: Object.fromEntries(otherKeys.map((key) => [key, row[key]])),
        });
      }
      return toFlat(row);
    });
  } catch (error) {
    throw flatConflict(error);
  }
}

// ── Booking ─────────────────────────────────────────────────────────────────

async function bookableLead(tx: Tx, actor: Actor, leadId: number) {
  const lead = ownedOrNotFound(
    actor,
    await tx.lead.findUnique({
      where: { id: leadId },
      select: { id: true, ownerId: true, status: true },
    }),
    "Lead",
  );
  if (lead.status === "SOLD" || lead.status === "LOST") {
    throw new AppError("CONFLICT", {
      detail: `A ${lead.status.toLowerCase()} lead cannot hold a flat`,
    });
  }
  return lead;
}

/** The hold on a flat, if the actor may manage it (a seller: only holds of their own leads). */
async function heldFlat(tx: Tx, actor: Actor, id: number) {
  const flat = await tx.apartment.findUnique({ where: { id }, select: flatSelect });
  if (!flat) throw notFound("Flat");
  if (flat.status !== "BOOKED" || !flat.bookedLead)
    throw new AppError("CONFLICT", { detail: "The flat is not booked" });
  if (actor.role === "SELLER" && flat.bookedLead.ownerId !== actor.id) {
    throw new AppError("FORBIDDEN", {
      detail: "Only the holding lead's seller or a manager may change this hold",
    });
  }
  return flat as FlatRow & { bookedLead: NonNullable<FlatRow["bookedLead"]> };
}

/**
 * Holds a FREE flat for a lead. The claim is a single conditional UPDATE (… WHERE status =
 * 'FREE'): of any number of racing requests exactly one changes a row, the rest see zero rows
 * changed and get 409 — on SQLite (one writer) and on PostgreSQL (row lock, re-checked WHERE).
 */
export async function bookFlat(
  db: Db,
  actor: Actor,
  id: number,
  input: { leadId: number; days?: number },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const lead = await bookableLead(tx, actor, input.leadId);
    const { defaultDays, maxDays } = await bookingDays(tx);
    const days = input.days ?? defaultDays;
    if (days > maxDays) {
      throw new AppError("VALIDATION_FAILED", {
        detail: `A hold lasts at most ${maxDays} days`,
        errors: [{ path: "days", message: `At most ${maxDays}`, code: "too_big" }],
      });
    }
    const bookedUntil = new Date(now.getTime() + days * DAY);
    const claimed = await tx.apartment.updateMany({
      where: { id, status: "FREE" },
      data: { status: "BOOKED", bookedLeadId: lead.id, bookedUntil, version: { increment: 1 } },
    });
    if (claimed.count === 0) {
      const exists = await tx.apartment.findUnique({ where: { id }, select: { status: true } });
      if (!exists) throw notFound("Flat");
      throw new AppError("CONFLICT", {
        detail: `The flat is ${exists.status.toLowerCase()}, not free`,
      });
    }
    const flat = await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect });
    await tx.lead.update({
      where: { id: lead.id },
      data: {
        apartmentId: id,
        complexId: flat.complexId,
        ...(lead.status !== "BOOKED" ? { status: "BOOKED", statusChangedAt: now } : {}),
      },
    });
    await audit(tx, actor, {
      action: "apartment.book",
      entity: "Apartment",
      entityId: id,
      after: { leadId: lead.id, bookedUntil },
    });
    if (lead.status !== "BOOKED") {
      await audit(tx, actor, {
        action: "lead.status",
        entity: "Lead",
        entityId: lead.id,
        before: { status: lead.status },
        after: { status: "BOOKED" },
      });
    }
    return toFlat(flat);
  });
}

export async function prolongHold(
  db: Db,
  actor: Actor,
  id: number,
  days: number,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const flat = await heldFlat(tx, actor, id);
    const { maxDays } = await bookingDays(tx);
    const from = flat.bookedUntil && flat.bookedUntil > now ? flat.bookedUntil : now;
    const bookedUntil = new Date(from.getTime() + days * DAY);
    if (bookedUntil.getTime() - now.getTime() > maxDays * DAY) {
      throw new AppError("CONFLICT", { detail: `A hold may reach at most ${maxDays} days ahead` });
    }
    const changed = await tx.apartment.updateMany({
      where: { id, version: flat.version, status: "BOOKED" },
      data: { bookedUntil, version: { increment: 1 } },
    });
    if (changed.count === 0)
      throw new AppError("CONFLICT", { detail: "The hold changed meanwhile; reload" });
    await audit(tx, actor, {
      action: "apartment.prolong",
      entity: "Apartment",
      entityId: id,
      before: { bookedUntil: flat.bookedUntil },
      after: { bookedUntil },
    });
    return toFlat(await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect }));
  });
}

export async function releaseHold(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const flat = await heldFlat(tx, actor, id);
    if (
      !(await endHold(
        tx,
        actor,
        {
          id: flat.id,
          version: flat.version,
          bookedUntil: flat.bookedUntil,
          bookedLeadId: flat.bookedLead.id,
        },
        "release",
        now,
      ))
    ) {
      throw new AppError("CONFLICT", { detail: "The hold changed meanwhile; reload" });
    }
    return toFlat(await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect }));
  });
}

/** Frees every hold past its expiry (see @crm/db holds.ts; the worker runs the same code). */
export async function releaseExpiredHolds(db: Db, now = new Date()): Promise<number> {
  return (await releaseExpired(db, { now })).released;
}
