import { z } from "zod";
import {
  optionalText,
  readCursor,
  text,
  ZApartmentStatus,
  ZCurrency,
  ZId,
  ZIdParams,
  ZIsoDateTime,
  ZLeadSource,
  ZLeadStatus,
  ZRoleCode,
  ZUserRef,
} from "./common";
import { ZLeadFilters, ZLeadIds } from "./lead-filters";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

// The filters are shared with exports, which must not load phone numbers' metadata with them.
export { BULK_LEAD_LIMIT, ZLeadFilters, type TLeadFilters } from "./lead-filters";

/** Who works with leads: sellers (own only), MOP and ADMIN (all). ROP and FINANCIER read. */

export const ZLead = z.object({
  id: z.number().int(),
  fullName: z.string(),
  phone: z.string(),
  region: z.string().nullable(),
  source: ZLeadSource,
  status: ZLeadStatus,
  lostReason: z.string().nullable(),
  owner: ZUserRef.nullable(),
  complexId: z.number().int().nullable(),
  apartmentId: z.number().int().nullable(),
  /** Minor units of budgetCurrency. */
  budget: z.number().int().nullable(),
  budgetCurrency: ZCurrency.nullable(),
  note: z.string().nullable(),
  statusChangedAt: z.string(),
  /** The latest of its creation, a status change, a comment, a callback scheduled or done. */
  lastActivityAt: z.string().nullable(),
  /** When its earliest open callback is due (null: none open). */
  nextCallbackAt: z.string().nullable(),
  /** Set when the lead is archived (hidden from lists and statistics; admins can restore it). */
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TLead = z.infer<typeof ZLead>;

/** A flat as a lead's card names it: its number and complex (a link to it on the шахматка). */
export const ZLeadFlat = z.object({
  id: z.number().int(),
  number: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  status: ZApartmentStatus,
  bookedUntil: ZIsoDateTime.nullable(),
});
export type TLeadFlat = z.infer<typeof ZLeadFlat>;
/** The flat the lead is interested in (its apartmentId) and the flats held for the lead. */
export const ZLeadFlats = z.object({ interest: ZLeadFlat.nullable(), holds: z.array(ZLeadFlat) });
export type TLeadFlats = z.infer<typeof ZLeadFlats>;

/**
 * Statuses a person sets. BOOKED and SOLD are facts, not opinions: a lead is BOOKED while it
 * holds a flat and SOLD once its contract is signed, so only booking and contracts set them.
 */
export const MANUAL_LEAD_STATUSES = ["NEW", "IN_PROGRESS", "MEETING", "LOST"] as const;
export const ZManualLeadStatus = z.enum(MANUAL_LEAD_STATUSES, {
  error: "BOOKED and SOLD follow from a hold and a signed contract; they cannot be set by hand",
});

export const ZReassignLeadRequest = z.strictObject({ ownerId: ZId });

export const LEAD_SORTS = ["createdAt", "updatedAt", "fullName"] as const;

/**
 * A lead list cursor: the last row's sort value (its name, or its time) and its id. Names are
 * taken as stored (untrimmed; tabs or line breaks from older imports pass) but never with NUL.
 */
const leadCursor = (sort: (typeof LEAD_SORTS)[number]) =>
  z.tuple([
    sort === "fullName" ? optionalText(1000, { trim: false, multiline: true }) : ZIsoDateTime,
    ZId,
  ]);

export const ZListLeadsQuery = ZLeadFilters.extend({
  sort: z.enum(LEAD_SORTS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: text(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).superRefine((query, ctx) => {
  if (query.cursor === undefined) return;
  if (!leadCursor(query.sort).safeParse(readCursor(query.cursor)).success) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: "Invalid cursor" });
  }
});
export type TListLeadsQuery = z.input<typeof ZListLeadsQuery>;

export const ZLeadPage = z.object({ items: z.array(ZLead), nextCursor: z.string().nullable() });
export type TLeadPage = z.infer<typeof ZLeadPage>;

export const ZDuplicateLead = z.object({
  /** Role of the existing lead's owner — not the lead itself, which may be someone else's. */
  ownerRole: ZRoleCode.nullable(),
  isOwn: z.boolean(),
  leadId: z.number().int().nullable(),
});

// ── Bulk actions ────────────────────────────────────────────────────────────

/**
 * One action over a selection of leads. Each lead goes through the single-lead operation
 * (the same rules, audit and notifications): a lead that operation refuses is reported with its
 * reason and the others go through.
 */
export const ZBulkLeadRequest = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("reassign"), ids: ZLeadIds, ownerId: ZId }),
  z
    .strictObject({
      action: z.literal("status"),
      ids: ZLeadIds,
      status: ZManualLeadStatus,
      lostReason: optionalText(500, { multiline: true }).optional(),
    })
    .refine((value) => value.status !== "LOST" || !!value.lostReason, {
      message: "A lost lead needs a reason",
      path: ["lostReason"],
    }),
]);
export type TBulkLeadRequest = z.input<typeof ZBulkLeadRequest>;

export const ZBulkLeadOutcome = z.discriminatedUnion("ok", [
  z.object({ id: z.number().int(), ok: z.literal(true), lead: ZLead }),
  z.object({
    id: z.number().int(),
    ok: z.literal(false),
    /** The problem the single-lead operation would have answered: code, title, detail. */
    code: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
  }),
]);
export type TBulkLeadOutcome = z.infer<typeof ZBulkLeadOutcome>;

export const ZBulkLeadResult = z.object({
  /** One entry per requested id, in the request's order. */
  results: z.array(ZBulkLeadOutcome),
  done: z.number().int(),
  refused: z.number().int(),
});
export type TBulkLeadResult = z.infer<typeof ZBulkLeadResult>;

// ── Board ───────────────────────────────────────────────────────────────────

export const ZLeadBoardSummary = z.object({
  /** Every status that has leads under the filters (absent: none). */
  columns: z.array(
    z.object({
      status: ZLeadStatus,
      count: z.number().int(),
      /** Sum of the budgets per currency (minor units); leads without a budget add nothing. */
      budgets: z.array(z.object({ currency: ZCurrency, total: z.number().int() })),
    }),
  ),
});
export type TLeadBoardSummary = z.infer<typeof ZLeadBoardSummary>;

export const exampleLead = {
  id: 1042,
  fullName: "Aziza Karimova",
  phone: "+998901234567",
  region: "Tashkent",
  source: "INSTAGRAM",
  status: "IN_PROGRESS",
  lostReason: null,
  owner: { id: 2, name: "Aziza Karimova" },
  complexId: 1,
  apartmentId: null,
  budget: 95_000_000_000,
  budgetCurrency: "UZS",
  note: "Wants a corner flat on a middle floor",
  statusChangedAt: "2026-03-01T11:20:00.000Z",
  lastActivityAt: "2026-03-01T11:20:00.000Z",
  nextCallbackAt: "2026-03-03T09:00:00.000Z",
  archivedAt: null,
  createdAt: "2026-02-27T08:05:00.000Z",
  updatedAt: "2026-03-01T11:20:00.000Z",
} satisfies TLead;

export const leadRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/leads",
    summary: "List leads (filters, sort, keyset pagination); sellers see their own",
    tag: "leads",
    access: ROLES.staff,
    query: ZListLeadsQuery,
    status: 200,
    response: ZLeadPage,
    examples: {
      query: { limit: 20, sort: "createdAt", order: "desc", status: "NEW,IN_PROGRESS" },
      response: {
        items: [exampleLead],
        nextCursor: "WyIyMDI2LTAyLTI3VDA4OjA1OjAwLjAwMFoiLDEwNDJd",
      },
    },
  }),
  count: defineRoute({
    method: "get",
    path: "/api/leads/count",
    summary: "Number of leads matching the same filters as the list",
    tag: "leads",
    access: ROLES.staff,
    query: ZLeadFilters,
    status: 200,
    response: z.object({ total: z.number().int() }),
  }),
  boardSummary: defineRoute({
    method: "get",
    path: "/api/leads/board-summary",
    summary: "Per status: the number of leads and the sum of their budgets per currency",
    tag: "leads",
    access: ROLES.staff,
    query: ZLeadFilters,
    status: 200,
    response: ZLeadBoardSummary,
  }),
  bulk: defineRoute({
    method: "post",
    path: "/api/leads/bulk",
    summary:
      "Reassign or change the status of up to 200 leads; each lead follows the single-lead rules and is reported as done or refused",
    tag: "leads",
    access: ROLES.sales,
    body: ZBulkLeadRequest,
    status: 200,
    response: ZBulkLeadResult,
    problems: [403],
  }),
  get: defineRoute({
    method: "get",
    path: "/api/leads/:id",
    summary: "Read a lead",
    tag: "leads",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: ZLead,
    problems: [404],
  }),
  flats: defineRoute({
    method: "get",
    path: "/api/leads/:id/flats",
    summary: "The lead's flat of interest and the flats held for it, by number and complex",
    tag: "leads",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: ZLeadFlats,
    problems: [404],
  }),
  remove: defineRoute({
    method: "delete",
    path: "/api/leads/:id",
    summary:
      "Archive a lead (its owner or an admin); a lead with a contract or payments is kept (409)",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    status: 204,
    response: null,
    problems: [404, 409],
  }),
  restore: defineRoute({
    method: "post",
    path: "/api/leads/:id/restore",
    summary: "Bring an archived lead back",
    tag: "leads",
    access: ROLES.admin,
    params: ZIdParams,
    status: 200,
    response: ZLead,
    problems: [404, 409],
  }),
  reassign: defineRoute({
    method: "post",
    path: "/api/leads/:id/reassign",
    summary: "Give a lead to another seller",
    tag: "leads",
    access: ROLES.salesManagers,
    params: ZIdParams,
    body: ZReassignLeadRequest,
    status: 200,
    response: ZLead,
    problems: [404, 409],
  }),
};
