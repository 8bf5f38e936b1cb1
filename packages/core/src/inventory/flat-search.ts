import type { TFlatSearchItem, ZFlatSearchCursor, ZFlatSearchQuery } from "@crm/contracts";
import { Prisma, type ApartmentStatus, type Currency, type SqlReader } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { decodeCursor, encodeCursor } from "../cursor";
import { enumValue, int } from "../sql";
import { toFlat } from "./flats";
import { flatColumns } from "./grid.repository";

type Cursor = z.output<typeof ZFlatSearchCursor>;
const isCursor = (value: unknown): value is Cursor =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isSafeInteger(value[0]) &&
  value[0] >= 0 &&
  Number.isSafeInteger(value[1]) &&
  value[1] > 0;

const col = (name: string) => Prisma.raw(`a."${name}"`);

/**
 * Free flats of every complex, cheapest first, a page at a time. One statement on the read
 * path: `status = 'FREE' ORDER BY price, id` walks the (status, price, id) index and stops after
 * a page, the other filters are checked on the rows it reads. Each flat goes out through
 * `toFlat`, the one place a flat is masked for its viewer.
 */
export async function searchFreeFlats(
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZFlatSearchQuery>,
): Promise<{ items: TFlatSearchItem[]; nextCursor: string | null }> {
  const free: ApartmentStatus = "FREE";
  const where: Prisma.Sql[] = [
    Prisma.sql`${col("status")} = ${enumValue(reader.provider, "ApartmentStatus", free)}`,
  ];
  if (query.rooms !== undefined) where.push(Prisma.sql`${col("rooms")} = ${query.rooms}`);
  if (query.currency !== undefined)
    where.push(
      Prisma.sql`${col("currency")} = ${enumValue(reader.provider, "Currency", query.currency)}`,
    );
  if (query.priceMin !== undefined) where.push(Prisma.sql`${col("price")} >= ${query.priceMin}`);
  if (query.priceMax !== undefined) where.push(Prisma.sql`${col("price")} <= ${query.priceMax}`);
  if (query.areaMin !== undefined) where.push(Prisma.sql`${col("area")} >= ${query.areaMin}`);
  if (query.areaMax !== undefined) where.push(Prisma.sql`${col("area")} <= ${query.areaMax}`);
  if (query.complexId !== undefined)
    where.push(Prisma.sql`${col("complexId")} = ${query.complexId}`);
  const after = decodeCursor(query.cursor, isCursor);
  if (after) {
    const [price, id] = after;
    where.push(
      Prisma.sql`(${col("price")} > ${price} OR (${col("price")} = ${price} AND ${col("id")} > ${id}))`,
    );
  }

  const rows = await reader.all(Prisma.sql`
    SELECT a."id", a."complexId", c."name" AS "complexName", a."block", a."section", a."floor",
           a."number", a."rooms", a."area", a."price", a."currency", a."version"
    FROM "Apartment" a JOIN "Complex" c ON c."id" = a."complexId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY a."price", a."id"
    LIMIT ${query.limit + 1}`);

  const items = rows.slice(0, query.limit).map((row) => ({
    ...toFlat(
      {
        ...flatColumns(row),
        complexId: int(row.complexId),
        price: BigInt(row.price as bigint | number | string),
        currency: row.currency as Currency,
        status: free,
        bookedAt: null,
        bookedUntil: null,
        version: int(row.version),
        bookedLead: null,
      },
      actor,
    ),
    complexName: String(row.complexName),
  }));
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([last.price, last.id] satisfies Cursor) : null;
  return { items, nextCursor };
}
