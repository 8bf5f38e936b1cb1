import { z } from "zod";
import { ZCurrency, ZIsoDateTime, ZLeadSource, ZLeadStatus, ZRoleCode } from "./common";
import { ZPlanVsFact } from "./expenses";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/**
 * The landing page of each role: live figures, each of which the SPA links to the list it was
 * counted from (the same filters, so the number and the list agree).
 */
const count = z.number().int().min(0);

/** Money in minor units per currency: never summed across currencies. */
export const ZAmounts = z.array(z.object({ currency: ZCurrency, amount: z.number().int() }));
export type TAmounts = z.infer<typeof ZAmounts>;

export const ZSellerDashboard = z.object({
  leadsByStatus: z.array(z.object({ status: ZLeadStatus, count })),
  callbacks: z.object({ today: count, overdue: count }),
  /** Flats held for the user's leads, the soonest to expire first. */
  holds: z.array(
    z.object({
      flatId: z.number().int(),
      complexId: z.number().int(),
      complexName: z.string(),
      number: z.string(),
      leadId: z.number().int(),
      leadName: z.string(),
      bookedUntil: ZIsoDateTime.nullable(),
    }),
  ),
  deals: z.object({ draft: count, signed: count }),
});

export const ZTeamDashboard = z.object({
  funnel: z.array(z.object({ status: ZLeadStatus, count })),
  /** Open leads (new, in progress, meeting) with no change, comment or call for `days` days. */
  stuck: z.object({ days: z.number().int(), statuses: z.array(ZLeadStatus), count }),
  unassigned: count,
  sellers: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      leads: count,
      sold: count,
      /** sold / leads, 0 to 1. */
      conversionRate: z.number(),
      /**
       * Average minutes from a lead's arrival to its first comment, over leads of the last 30
       * days that have one; null when none has.
       */
      responseMinutes: z.number().nullable(),
      overdueCallbacks: count,
    }),
  ),
});

const ZMonthSales = z.object({ month: z.string(), count, amounts: ZAmounts });

export const ZSalesDashboard = z.object({
  /** Contracts signed (and not cancelled) in the local calendar month. */
  thisMonth: ZMonthSales,
  lastMonth: ZMonthSales,
  pendingApprovals: count,
});

/**
 * The back office of the head of sales, for the local month: budgets against spending and what
 * marketing brought, each per currency (the budgets and ROI tabs over the same period).
 */
export const ZSpendDashboard = z.object({
  month: z.string(),
  /** Plan vs fact of every budget of the month: totals one per currency, and per category. */
  budget: ZPlanVsFact.pick({ totals: true, byCategory: true }),
  /** Marketing ROI over the month's days, per lead source (all complexes together). */
  roi: z.object({
    from: z.string(),
    to: z.string(),
    sources: z.array(
      z.object({
        source: ZLeadSource,
        leads: count,
        deals: count,
        money: z.array(
          z.object({ currency: ZCurrency, spend: z.number().int(), revenue: z.number().int() }),
        ),
      }),
    ),
  }),
});

export const ZMoneyDashboard = z.object({
  /** The local day and month the figures below are counted for. */
  today: z.string(),
  month: z.string(),
  receivedToday: ZAmounts,
  receivedThisMonth: ZAmounts,
  /** Instalments of live contracts due this month, paid or not: what the month should bring. */
  expectedThisMonth: ZAmounts,
  /** Of the instalments due this month, what is already paid. */
  paidOfExpected: ZAmounts,
  /** Instalments past due and not fully paid: how many, and what is still owed. */
  overdue: z.object({ count, amounts: ZAmounts }),
  /** Still to be received, per week from today (four weeks). */
  nextWeeks: z.array(z.object({ from: z.string(), to: z.string(), amounts: ZAmounts })),
  pendingApprovals: count,
});

export const ZSystemDashboard = z.object({
  database: z.enum(["ok", "down"]),
  redis: z.enum(["ok", "down", "disabled"]),
  failedJobs: count,
  /** The newest finished run of the spreadsheet import; null when it never ran. */
  lastImport: z
    .object({
      state: z.string(),
      finishedAt: ZIsoDateTime.nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type TSystemDashboard = z.infer<typeof ZSystemDashboard>;

export const ZDashboard = z.object({
  role: ZRoleCode,
  seller: ZSellerDashboard.optional(),
  team: ZTeamDashboard.optional(),
  sales: ZSalesDashboard.optional(),
  money: ZMoneyDashboard.optional(),
  spend: ZSpendDashboard.optional(),
  system: ZSystemDashboard.optional(),
});
export type TDashboard = z.infer<typeof ZDashboard>;

export const dashboardRoutes = {
  get: defineRoute({
    method: "get",
    path: "/api/dashboard",
    summary: "The signed-in user's dashboard: the sections of their role, live",
    tag: "dashboard",
    access: ROLES.staff,
    status: 200,
    response: ZDashboard,
  }),
};
