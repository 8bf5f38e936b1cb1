import { z } from "zod";
import {
  cursorOf,
  MAX_MONEY,
  optionalText,
  text,
  ZApartmentStatus,
  ZCurrency,
  ZId,
  ZIdParams,
  ZMoney,
} from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

const ZSlug = text(80, { min: 2 }).regex(
  /^[a-z0-9]+(-[a-z0-9]+)*$/,
  "lower-case latin letters, digits and dashes",
);

export const ZStatusCounts = z.object({
  FREE: z.number().int(),
  BOOKED: z.number().int(),
  SOLD: z.number().int(),
  UNAVAILABLE: z.number().int(),
});

export const ZComplex = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  city: z.string(),
  address: z.string(),
  description: z.string(),
  currency: ZCurrency,
  isPublished: z.boolean(),
  googleSheetId: z.string().nullable(),
  flats: ZStatusCounts,
  createdAt: z.string(),
});
export type TComplex = z.infer<typeof ZComplex>;

export const ZCreateComplexRequest = z.strictObject({
  name: text(200),
  slug: ZSlug,
  city: text(100),
  address: optionalText(300).default(""),
  description: optionalText(5000, { multiline: true }).default(""),
  currency: ZCurrency.default("UZS"),
  isPublished: z.boolean().default(false),
  googleSheetId: optionalText(200).nullable().optional(),
});
export const ZUpdateComplexRequest = z
  .strictObject({
    name: text(200),
    slug: ZSlug,
    city: text(100),
    address: optionalText(300),
    description: optionalText(5000, { multiline: true }),
    currency: ZCurrency,
    isPublished: z.boolean(),
    googleSheetId: optionalText(200).nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });

export const ZFlat = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  block: z.string(),
  section: z.string(),
  floor: z.number().int(),
  number: z.string(),
  rooms: z.number().int(),
  area: z.number(),
  /** Total price, minor units of `currency`. */
  price: z.number().int(),
  /** Price per m², minor units, rounded. */
  pricePerM2: z.number().int(),
  currency: ZCurrency,
  status: ZApartmentStatus,
  /** Which lead holds the flat; its name is withheld from sellers who do not own that lead. */
  bookedLead: z
    .object({
      id: z.number().int(),
      fullName: z.string().nullable(),
      ownerId: z.number().int().nullable(),
    })
    .nullable(),
  bookedUntil: z.string().nullable(),
  version: z.number().int(),
});
export type TFlat = z.infer<typeof ZFlat>;

const flatFields = {
  block: text(20),
  section: optionalText(20),
  floor: z.number().int().min(-5).max(200),
  number: text(20),
  rooms: z.number().int().min(0).max(20),
  area: z.number().positive().max(10_000),
  price: ZMoney,
  currency: ZCurrency,
  status: z.enum(["FREE", "UNAVAILABLE"]),
};
export const ZCreateFlatRequest = z.strictObject({
  ...flatFields,
  section: flatFields.section.default(""),
  currency: flatFields.currency.optional(),
  status: flatFields.status.default("FREE"),
});
/** BOOKED and SOLD are reached through booking and contracts, never set by hand. */
export const ZUpdateFlatRequest = z
  .strictObject(flatFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });

export const ZFlatDetail = ZFlat.extend({
  /** Leads waiting for this flat, first in line first (names only for leads the caller may see). */
  queue: z.array(
    z.object({ leadId: z.number().int(), fullName: z.string().nullable(), since: z.string() }),
  ),
  priceHistory: z.array(
    z.object({
      price: z.number().int(),
      currency: ZCurrency,
      changedAt: z.string(),
      changedBy: z.string().nullable(),
    }),
  ),
});

export const ZGridQuery = z.strictObject({
  rooms: z.coerce.number().int().min(0).max(20).optional(),
  status: ZApartmentStatus.optional(),
  priceMin: z.coerce.number().int().min(0).max(MAX_MONEY).optional(),
  priceMax: z.coerce.number().int().min(0).max(MAX_MONEY).optional(),
  areaMin: z.coerce.number().min(0).max(10_000).optional(),
  areaMax: z.coerce.number().min(0).max(10_000).optional(),
});

/** A cell of the шахматка as the SPA draws it; `match` is false for flats outside the filters. */
export const ZGridCell = z.object({
  id: z.number().int(),
  number: z.string(),
  section: z.string(),
  rooms: z.number().int(),
  area: z.number(),
  price: z.number().int(),
  pricePerM2: z.number().int(),
  status: ZApartmentStatus,
  match: z.boolean(),
  bookedLeadId: z.number().int().nullable(),
  bookedUntil: z.string().nullable(),
});
export type TGridCell = z.infer<typeof ZGridCell>;

/** Price per m², in the same minor units as the price. */
export const pricePerM2 = (price: bigint | number, area: number) =>
  Math.round(Number(price) / area);

/** Status codes of the grid's wire format: the index into this list. */
export const GRID_STATUSES = ZApartmentStatus.options;

/**
 * The шахматка on the wire: per block, its floors (top first) with how many flats each has, and
 * the flats floor by floor as columns of equal length — a 3,000-flat complex is ~100 KB of JSON
 * before compression instead of ~600 KB of objects. Repeated sections are indexes into
 * `sections`, statuses indexes into GRID_STATUSES, `match` one "1"/"0" character per flat, and
 * holds (rare) are listed apart by the flat's position in the block. `decodeGrid` turns it into
 * the block × floor × cell shape the SPA draws.
 */
export const ZGrid = z.object({
  complex: z.object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    currency: ZCurrency,
  }),
  counts: ZStatusCounts,
  sections: z.array(z.string()),
  blocks: z.array(
    z.object({
      block: z.string(),
      floors: z.array(z.number().int()),
      flatsPerFloor: z.array(z.number().int().min(0)),
      id: z.array(z.number().int()),
      number: z.array(z.string()),
      section: z.array(z.number().int().min(0)),
      rooms: z.array(z.number().int()),
      area: z.array(z.number()),
      price: z.array(z.number().int()),
      status: z.array(
        z
          .number()
          .int()
          .min(0)
          .max(GRID_STATUSES.length - 1),
      ),
      match: z.string().regex(/^[01]*$/),
      /** [position in the block, booked lead id, booked until] for flats under a hold. */
      holds: z.array(
        z.tuple([z.number().int(), z.number().int().nullable(), z.string().nullable()]),
      ),
    }),
  ),
});
export type TGridWire = z.infer<typeof ZGrid>;

/** The decoded шахматка: blocks × floors (top first) × cells. */
export interface TGrid {
  complex: TGridWire["complex"];
  counts: TGridWire["counts"];
  blocks: { block: string; floors: { floor: number; flats: TGridCell[] }[] }[];
}

export function decodeGrid(wire: TGridWire): TGrid {
  return {
    complex: wire.complex,
    counts: wire.counts,
    blocks: wire.blocks.map((block) => {
      const holds = new Map(block.holds.map(([at, leadId, until]) => [at, { leadId, until }]));
      let at = 0;
      return {
        block: block.block,
        floors: block.floors.map((floor, floorIndex) => {
          const flats: TGridCell[] = [];
          for (let k = 0; k < block.flatsPerFloor[floorIndex]!; k++, at++) {
            const hold = holds.get(at);
            const area = block.area[at]!;
            const price = block.price[at]!;
            flats.push({
              id: block.id[at]!,
              number: block.number[at]!,
              section: wire.sections[block.section[at]!] ?? "",
              rooms: block.rooms[at]!,
              area,
              price,
              pricePerM2: pricePerM2(price, area),
              status: GRID_STATUSES[block.status[at]!]!,
              match: block.match.charCodeAt(at) === 49,
              bookedLeadId: hold?.leadId ?? null,
              bookedUntil: hold?.until ?? null,
            });
          }
          return { floor, flats };
        }),
      };
    }),
  };
}

/** A flat search cursor: the last row's price and id (cheapest first). */
export const ZFlatSearchCursor = z.tuple([
  z.number().int().min(0).max(MAX_MONEY),
  z.number().int().min(1).max(2_147_483_647),
]);

/**
 * Free flats across every complex, cheapest first (the lead card's "pick a flat"). A price bound
 * means nothing without its currency, so one needs the other.
 */
export const ZFlatSearchQuery = z
  .strictObject({
    rooms: z.coerce.number().int().min(0).max(20).optional(),
    priceMin: z.coerce.number().int().min(0).max(MAX_MONEY).optional(),
    priceMax: z.coerce.number().int().min(0).max(MAX_MONEY).optional(),
    currency: ZCurrency.optional(),
    areaMin: z.coerce.number().min(0).max(10_000).optional(),
    areaMax: z.coerce.number().min(0).max(10_000).optional(),
    complexId: ZId.optional(),
    cursor: cursorOf(ZFlatSearchCursor).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine(
    (query) =>
      query.currency !== undefined ||
      (query.priceMin === undefined && query.priceMax === undefined),
    { message: "A price bound needs its currency", path: ["currency"] },
  );

export const ZFlatSearchItem = ZFlat.extend({ complexName: z.string() });
export type TFlatSearchItem = z.infer<typeof ZFlatSearchItem>;

export const ZBookRequest = z.strictObject({
  leadId: ZId,
  /** Hold length; default and upper bound come from settings (3 and 14 days). */
  days: z.number().int().min(1).max(60).optional(),
});
export const ZQueueRequest = z.strictObject({ leadId: ZId });
export const ZProlongRequest = z.strictObject({ days: z.number().int().min(1).max(60) });

export const inventoryRoutes = {
  listComplexes: defineRoute({
    method: "get",
    path: "/api/complexes",
    summary: "Residential complexes with flat counts by status",
    tag: "inventory",
    access: ROLES.staff,
    status: 200,
    response: z.object({ items: z.array(ZComplex) }),
  }),
  createComplex: defineRoute({
    method: "post",
    path: "/api/complexes",
    summary: "Create a complex",
    tag: "inventory",
    access: ROLES.admin,
    body: ZCreateComplexRequest,
    status: 201,
    response: ZComplex,
    problems: [409],
  }),
  getComplex: defineRoute({
    method: "get",
    path: "/api/complexes/:id",
    summary: "Read a complex",
    tag: "inventory",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: ZComplex,
    problems: [404],
  }),
  updateComplex: defineRoute({
    method: "patch",
    path: "/api/complexes/:id",
    summary: "Change a complex",
    tag: "inventory",
    access: ROLES.admin,
    params: ZIdParams,
    body: ZUpdateComplexRequest,
    status: 200,
    response: ZComplex,
    problems: [404, 409],
  }),
  grid: defineRoute({
    method: "get",
    path: "/api/complexes/:id/grid",
    summary: "The шахматка: blocks × floors × flats with status and price, in one request",
    tag: "inventory",
    access: ROLES.staff,
    params: ZIdParams,
    query: ZGridQuery,
    status: 200,
    response: ZGrid,
    problems: [404],
    examples: {
      query: { rooms: 2, status: "FREE" },
      // Two floors of block A, two flats each: A-201 matches the filter, A-202 is booked.
      response: {
        complex: { id: 1, name: "Yangi Hayot", slug: "yangi-hayot", currency: "UZS" },
        counts: { FREE: 2, BOOKED: 1, SOLD: 1, UNAVAILABLE: 0 },
        sections: ["1"],
        blocks: [
          {
            block: "A",
            floors: [2, 1],
            flatsPerFloor: [2, 2],
            id: [21, 22, 11, 12],
            number: ["A-201", "A-202", "A-101", "A-102"],
            section: [0, 0, 0, 0],
            rooms: [2, 3, 2, 1],
            area: [54.5, 72.3, 54.5, 38.1],
            price: [65_400_000_000, 86_760_000_000, 63_220_000_000, 45_720_000_000],
            status: [0, 1, 2, 0],
            match: "1000",
            holds: [[1, 1042, "2026-03-05T09:30:00.000Z"]],
          },
        ],
      },
    },
  }),
  searchFlats: defineRoute({
    method: "get",
    path: "/api/flats/search",
    summary: "Free flats across all complexes, cheapest first, for picking one for a lead",
    tag: "inventory",
    access: ROLES.staff,
    query: ZFlatSearchQuery,
    status: 200,
    response: z.object({ items: z.array(ZFlatSearchItem), nextCursor: z.string().nullable() }),
  }),
  createFlat: defineRoute({
    method: "post",
    path: "/api/complexes/:id/flats",
    summary: "Add a flat to a complex",
    tag: "inventory",
    access: ROLES.admin,
    params: ZIdParams,
    body: ZCreateFlatRequest,
    status: 201,
    response: ZFlat,
    problems: [404, 409],
  }),
  getFlat: defineRoute({
    method: "get",
    path: "/api/flats/:id",
    summary: "A flat with its price history",
    tag: "inventory",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: ZFlatDetail,
    problems: [404],
  }),
  updateFlat: defineRoute({
    method: "patch",
    path: "/api/flats/:id",
    summary: "Change a flat (a price change is kept in its history)",
    tag: "inventory",
    access: ROLES.admin,
    params: ZIdParams,
    body: ZUpdateFlatRequest,
    status: 200,
    response: ZFlat,
    problems: [404, 409],
  }),
  book: defineRoute({
    method: "post",
    path: "/api/flats/:id/book",
    summary: "Hold a free flat for a lead; of racing requests exactly one wins",
    tag: "inventory",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZBookRequest,
    status: 200,
    response: ZFlat,
    problems: [404, 409],
  }),
  prolong: defineRoute({
    method: "post",
    path: "/api/flats/:id/prolong",
    summary: "Extend a hold, up to the maximum hold length",
    tag: "inventory",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZProlongRequest,
    status: 200,
    response: ZFlat,
    problems: [404, 409],
  }),
  joinBookingQueue: defineRoute({
    method: "post",
    path: "/api/flats/:id/queue",
    summary: "Put a lead in line for a booked flat; the first in line gets it when the hold ends",
    tag: "inventory",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZQueueRequest,
    status: 200,
    response: ZFlatDetail,
    problems: [404, 409],
  }),
  leaveBookingQueue: defineRoute({
    method: "delete",
    path: "/api/flats/:id/queue/:leadId",
    summary: "Take a lead out of the line",
    tag: "inventory",
    access: ROLES.sales,
    params: z.strictObject({ id: ZId, leadId: ZId }),
    status: 200,
    response: ZFlatDetail,
    problems: [404],
  }),
  release: defineRoute({
    method: "post",
    path: "/api/flats/:id/release",
    summary: "End a hold; the flat is free again",
    tag: "inventory",
    access: ROLES.sales,
    params: ZIdParams,
    status: 200,
    response: ZFlat,
    problems: [404, 409],
  }),
};
