import { GRID_STATUSES, type TGridWire, type ZGridQuery } from "@crm/contracts";
import type { ApartmentStatus, SqlReader } from "@crm/db";
import type { z } from "zod";
import { notFound } from "../errors";
import { naturalOrder } from "./flat-values";
import { gridComplex, gridRows, type GridRow } from "./grid.repository";

/**
 * The whole grid of a complex (one statement, see grid.repository.ts) in the wire format of
 * `ZGrid`: blocks in reading order, floors top first, flats in number order, as columns.
 * Filters mark cells rather than drop them, so the grid keeps its shape and non-matching flats
 * are drawn dimmed.
 */
export async function complexGrid(
  reader: SqlReader,
  id: number,
  query: z.output<typeof ZGridQuery>,
): Promise<TGridWire> {
  const [complex, rows] = await Promise.all([gridComplex(reader, id), gridRows(reader, id)]);
  if (!complex) throw notFound("Complex");
  const counts: Record<ApartmentStatus, number> = { FREE: 0, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 };
  const statusCode = new Map(GRID_STATUSES.map((status, index) => [status, index]));
  const sections: string[] = [];
  const sectionCode = new Map<string, number>();
  const blocks = new Map<string, Map<number, GridRow[]>>();
  for (const row of rows) {
    counts[row.status] += 1;
    let floors = blocks.get(row.block);
    if (!floors) blocks.set(row.block, (floors = new Map()));
    let flats = floors.get(row.floor);
    if (!flats) floors.set(row.floor, (flats = []));
    flats.push(row);
  }
  const matches = (row: GridRow) =>
    (query.rooms === undefined || row.rooms === query.rooms) &&
    (query.status === undefined || row.status === query.status) &&
    (query.priceMin === undefined || row.price >= query.priceMin) &&
    (query.priceMax === undefined || row.price <= query.priceMax) &&
    (query.areaMin === undefined || row.area >= query.areaMin) &&
    (query.areaMax === undefined || row.area <= query.areaMax);

  return {
    complex,
    counts,
    sections,
    blocks: [...blocks.entries()]
      .sort(([a], [b]) => naturalOrder(a, b))
      .map(([block, byFloor]) => {
        const floors = [...byFloor.keys()].sort((a, b) => b - a);
        const wire: TGridWire["blocks"][number] = {
          block,
          floors,
          flatsPerFloor: [],
          id: [],
          number: [],
          section: [],
          rooms: [],
          area: [],
          price: [],
          status: [],
          match: "",
          holds: [],
        };
        let match = "";
        for (const floor of floors) {
          const flats = byFloor.get(floor)!.sort((x, y) => naturalOrder(x.number, y.number));
          wire.flatsPerFloor.push(flats.length);
          for (const row of flats) {
            let section = sectionCode.get(row.section);
            if (section === undefined) {
              section = sections.push(row.section) - 1;
              sectionCode.set(row.section, section);
            }
            if (row.bookedLeadId !== null || row.bookedUntil !== null) {
              wire.holds.push([
                wire.id.length,
                row.bookedLeadId,
                row.bookedUntil?.toISOString() ?? null,
              ]);
            }
            wire.id.push(row.id);
            wire.number.push(row.number);
            wire.section.push(section);
            wire.rooms.push(row.rooms);
            wire.area.push(row.area);
            wire.price.push(row.price);
            wire.status.push(statusCode.get(row.status)!);
            match += matches(row) ? "1" : "0";
          }
        }
        wire.match = match;
        return wire;
      }),
  };
}
