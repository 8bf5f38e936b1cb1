import { z } from "zod";
import {
  MAX_MONEY,
  optionalText,
  ROLES,
  text,
  ZApartmentStatus,
  ZCurrency,
  ZId,
  ZIdParams,
  ZMoney,
} from "./common";
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

/** A cell of the шахматка; `match` is false for flats outside the filters (drawn dimmed). */
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
export const ZGrid = z.object({
  complex: z.object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    currency: ZCurrency,
  }),
  counts: ZStatusCounts,
  blocks: z.array(
    z.object({
      block: z.string(),
      floors: z.array(z.object({ floor: z.number().int(), flats: z.array(ZGridCell) })),
    }),
  ),
});
export type TGrid = z.infer<typeof ZGrid>;

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
