import type { Db, Prisma } from "@crm/db";

/**
 * What anyone outside the company may see: published complexes and their FREE flats. The bot
 * and the landing pages read through here, so "public" means the same everywhere: an
 * unpublished complex is as unknown as a missing one, and a held or sold flat is not offered.
 */
const complexSelect = { id: true, name: true, slug: true, city: true, currency: true } as const;
export type PublicComplexRef = Prisma.ComplexGetPayload<{ select: typeof complexSelect }>;

export async function listPublishedComplexes(db: Db, take: number): Promise<PublicComplexRef[]> {
  return db.complex.findMany({
    where: { isPublished: true },
    select: complexSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
  });
}

export async function findPublishedComplex(
  db: Db,
  by: { id: number } | { slug: string },
): Promise<PublicComplexRef | null> {
  return db.complex.findFirst({ where: { ...by, isPublished: true }, select: complexSelect });
}

/** The columns of a flat anyone may see. */
export const publicFlatSelect = {
  id: true,
  block: true,
  floor: true,
  number: true,
  rooms: true,
  area: true,
  price: true,
} as const;

export interface FreeFlatFilters {
  rooms?: number;
  priceMax?: number;
}

/** The cheapest free flats of a complex first, and how many there are in all. */
export async function freeFlats(
  db: Db,
  complexId: number,
  options: FreeFlatFilters & { take: number },
) {
  const where: Prisma.ApartmentWhereInput = {
    complexId,
    status: "FREE",
    complex: { isPublished: true },
    ...(options.rooms !== undefined ? { rooms: options.rooms } : {}),
    ...(options.priceMax !== undefined ? { price: { lte: BigInt(options.priceMax) } } : {}),
  };
  const [flats, total] = await Promise.all([
    db.apartment.findMany({
      where,
      select: { ...publicFlatSelect, currency: true },
      orderBy: [{ price: "asc" }, { id: "asc" }],
      take: options.take,
    }),
    db.apartment.count({ where }),
  ]);
  return { flats, total };
}

/** Rounds a price up to two significant digits of whole currency units (a filter's step). */
function roundPriceUp(minor: bigint): bigint {
  const major = (minor + 99n) / 100n;
  const digits = major.toString().length;
  const unit = 10n ** BigInt(Math.max(0, digits - 2));
  return ((major + unit - 1n) / unit) * unit * 100n;
}

/**
 * The filters worth offering for a complex's free flats: the room counts there are, and up to
 * three price ceilings evenly spread between the cheapest and the dearest (rounded up).
 */
export async function freeFlatChoices(db: Db, complexId: number) {
  const where: Prisma.ApartmentWhereInput = {
    complexId,
    status: "FREE",
    complex: { isPublished: true },
  };
  const [rooms, range] = await Promise.all([
    db.apartment.groupBy({ by: ["rooms"], where, orderBy: { rooms: "asc" } }),
    db.apartment.aggregate({ where, _min: { price: true }, _max: { price: true } }),
  ]);
  const min = range._min.price;
  const max = range._max.price;
  const ceilings = new Set<bigint>();
  if (min !== null && max !== null && max > min) {
    for (const step of [1n, 2n, 3n]) ceilings.add(roundPriceUp(min + ((max - min) * step) / 4n));
  }
  return { rooms: rooms.map((row) => row.rooms), priceCeilings: [...ceilings] };
}

/** A FREE flat of a published complex (what a prospect may ask to see). */
export async function findFreeFlat(db: Db | Prisma.TransactionClient, flatId: number) {
  return db.apartment.findFirst({
    where: { id: flatId, status: "FREE", complex: { isPublished: true } },
    select: {
      id: true,
      number: true,
      complexId: true,
      complex: { select: { name: true } },
    },
  });
}
