import type { TGrid, ZGridQuery } from "@crm/contracts";
import type { ApartmentStatus, Db, SqlReader } from "@crm/db";
import type { z } from "zod";
import { notFound } from "../errors";
import { naturalOrder, pricePerM2 } from "./flat-values";
import { gridRows } from "./grid.repository";

/**
 * The whole grid of a complex (one statement, see grid.repository.ts),
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
  const rows = await gridRows(reader, id);
  const counts: Record<ApartmentStatus, number> = { FREE: 0, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 };
  const blocks = new Map<string, Map<number, TGrid["blocks"][number]["floors"][number]["flats"]>>();
  for (const row of rows) {
    const { status, area, price } = row;
    counts[status] += 1;
    const match =
      (query.rooms === undefined || row.rooms === query.rooms) &&
      (query.status === undefined || status === query.status) &&
      (query.priceMin === undefined || price >= query.priceMin) &&
      (query.priceMax === undefined || price <= query.priceMax) &&
      (query.areaMin === undefined || area >= query.areaMin) &&
      (query.areaMax === undefined || area <= query.areaMax);
    const { block, floor } = row;
    if (!blocks.has(block)) blocks.set(block, new Map());
    const floors = blocks.get(block)!;
    if (!floors.has(floor)) floors.set(floor, []);
    floors.get(floor)!.push({
      id: row.id,
      number: row.number,
      section: row.section,
      rooms: row.rooms,
      area,
      price,
      pricePerM2: pricePerM2(price, area),
      status,
      match,
      bookedLeadId: row.bookedLeadId,
      bookedUntil: row.bookedUntil?.toISOString() ?? null,
    });
  }
  return {
    complex,
    counts,
    blocks: [...blocks.entries()]
      .sort(([a], [b]) => naturalOrder(a, b))
      .map(([block, floors]) => ({
        block,
        floors: [...floors.entries()]
          .sort(([a], [b]) => b - a)
          .map(([floor, flats]) => ({
            floor,
            flats: flats.sort((x, y) => naturalOrder(x.number, y.number)),
          })),
      })),
  };
}
