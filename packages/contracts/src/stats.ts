import { z } from "zod";
import { ZId, ZIsoDateTime, ZLeadSource, ZLeadStatus } from "./common";
import { defineRoute } from "./routes";

/** Sellers get their own figures; MOP, ROP and ADMIN the whole team's. */
const STATS_ROLES = ["ADMIN", "MOP", "ROP", "SELLER"] as const;

export const ZStatsQuery = z.strictObject({
  from: ZIsoDateTime.optional(),
  to: ZIsoDateTime.optional(),
  ownerId: ZId.optional(),
  complexId: ZId.optional(),
});

const ZBreakdownRow = z.object({
  total: z.number().int(),
  sold: z.number().int(),
  /** sold / total, 0 when there are none; a fraction from 0 to 1. */
  conversionRate: z.number(),
});

export const ZLeadStats = z.object({
  total: z.number().int(),
  sold: z.number().int(),
  conversionRate: z.number(),
  funnel: z.array(z.object({ status: ZLeadStatus, count: z.number().int() })),
  bySeller: z.array(
    ZBreakdownRow.extend({ ownerId: z.number().int().nullable(), name: z.string().nullable() }),
  ),
  bySource: z.array(ZBreakdownRow.extend({ source: ZLeadSource })),
  byComplex: z.array(
    ZBreakdownRow.extend({ complexId: z.number().int().nullable(), name: z.string().nullable() }),
  ),
});
export type TLeadStats = z.infer<typeof ZLeadStats>;

export const ZPeriodStatsQuery = ZStatsQuery.extend({
  period: z.enum(["day", "week", "month"]).default("month"),
  /** Minutes east of UTC that define day boundaries (Tashkent, UTC+5, by default). */
  tzOffset: z.coerce.number().int().min(-720).max(840).default(300),
});

export const ZPeriodStats = z.object({
  period: z.enum(["day", "week", "month"]),
  /** `period` keys: YYYY-MM-DD (day, and the Monday of a week) or YYYY-MM (month). */
  items: z.array(ZBreakdownRow.extend({ period: z.string() })),
});
export type TPeriodStats = z.infer<typeof ZPeriodStats>;

export const statsRoutes = {
  leads: defineRoute({
    method: "get",
    path: "/api/stats/leads",
    summary: "Conversion, funnel and breakdowns by seller, source and complex",
    tag: "statistics",
    access: STATS_ROLES,
    query: ZStatsQuery,
    status: 200,
    response: ZLeadStats,
  }),
  periods: defineRoute({
    method: "get",
    path: "/api/stats/leads/periods",
    summary: "New and sold leads per day, week or month",
    tag: "statistics",
    access: STATS_ROLES,
    query: ZPeriodStatsQuery,
    status: 200,
    response: ZPeriodStats,
  }),
};
