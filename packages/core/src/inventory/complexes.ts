import type { TComplex, ZCreateComplexRequest, ZUpdateComplexRequest } from "@crm/contracts";
import { Prisma, type ApartmentStatus, type Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";

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
