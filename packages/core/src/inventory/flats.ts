import {
  holdPolicy,
  type PolicyUser,
  type TFlat,
  type ZCreateFlatRequest,
  type ZUpdateFlatRequest,
} from "@crm/contracts";
import { Prisma, type Currency, type Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { pricePerM2 } from "./flat-values";

export const flatSelect = {
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
  bookedAt: true,
  bookedUntil: true,
  version: true,
  bookedLead: { select: { id: true, fullName: true, ownerId: true } },
} satisfies Prisma.ApartmentSelect;
export type FlatRow = Prisma.ApartmentGetPayload<{ select: typeof flatSelect }>;

/**
 * A lead as a flat response names it (holder, place in line): its name only to those who may
 * see that lead. Every flat response goes through here, so no path can show another seller's
 * buyer.
 */
export function leadRefFor(
  viewer: PolicyUser,
  lead: { id: number; fullName: string; ownerId: number | null },
) {
  return { ...lead, fullName: holdPolicy.seesHolder(viewer, lead) ? lead.fullName : null };
}

/** A flat as the viewer may see it. */
export function toFlat(row: FlatRow, viewer: PolicyUser): TFlat {
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
    pricePerM2: pricePerM2(row.price, row.area),
    currency: row.currency,
    status: row.status,
    bookedLead: row.bookedLead && leadRefFor(viewer, row.bookedLead),
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
        entityId: row.id,
        after: { ...input, currency },
      });
      return toFlat(row, actor);
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
  return {
    ...toFlat(row, actor),
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
      fullName: leadRefFor(actor, entry.lead).fullName,
      since: entry.createdAt.toISOString(),
    })),
  };
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
      // Conditional on the version read: a booking (or anything else) that changed the flat
      // since makes this edit fail instead of, say, marking a just-booked flat UNAVAILABLE.
      const changed = await tx.apartment.updateMany({
        where: { id, version: before.version },
        data: { ...input, price, version: { increment: 1 } },
      });
      if (changed.count === 0) {
        throw new AppError("CONFLICT", { detail: "The flat changed meanwhile; reload" });
      }
      const row = await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect });
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
          entityId: id,
          before: { price: Number(before.price), currency: before.currency },
          after: { price: Number(row.price), currency: row.currency },
        });
      }
      const otherKeys = Object.keys(input).filter(
        (key) => key !== "price" && key !== "currency",
      ) as (keyof typeof input)[];
      if (otherKeys.length) {
        await audit(tx, actor, {
          action: "apartment.update",
          entityId: id,
          before: Object.fromEntries(otherKeys.map((key) => [key, before[key]])),
          after: Object.fromEntries(otherKeys.map((key) => [key, row[key]])),
        });
      }
      return toFlat(row, actor);
    });
  } catch (error) {
    throw flatConflict(error);
  }
}
