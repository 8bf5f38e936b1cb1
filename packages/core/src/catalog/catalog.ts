import type { Db, Prisma } from "@crm/db";

/**
 * What anyone outside the company may see: published complexes and their FREE flats. The bot
 * and the landing pages read through here, so "public" means the same everywhere: an
 * unpublished complex is as unknown as a missing one, and a held or sold flat is not offered.
 */
const complexSelect = { id: true, name: true, slug: true, city: true } as const;
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
