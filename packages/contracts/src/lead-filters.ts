import { z } from "zod";
import {
  MAX_ID,
  text,
  ZCurrency,
  ZId,
  ZIsoDateTime,
  ZLeadSource,
  ZLeadStatus,
  ZMoney,
} from "./common";

/**
 * Which leads a list or an export covers. Apart from the lead schemas (leads.ts) because those
 * check phone numbers, whose metadata a page that only exports leads should not load.
 */

/** "a,b,c" in a query string → a bounded array of allowed values. */
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === "string" && value.length <= 500 ? value.split(",").filter(Boolean) : value,
    z.array(item).min(1).max(20),
  );

/** How many leads one bulk action (or an export of a selection) takes at most. */
export const BULK_LEAD_LIMIT = 200;

/**
 * Lead ids: a JSON array of numbers, or "1,2,3" in a query string — one form each, so a query
 * parameter given twice (`ids=1&ids=2`) is refused like any other repeated parameter.
 */
export const ZLeadIds = z.preprocess(
  (value) =>
    typeof value === "string" && value.length <= 2_400
      ? value
          .split(",")
          .filter(Boolean)
          .map((id) => (/^\d{1,10}$/.test(id) ? Number(id) : id))
      : value,
  z
    .array(z.number().int().min(1).max(MAX_ID))
    .min(1)
    .max(BULK_LEAD_LIMIT, `At most ${BULK_LEAD_LIMIT} leads at once`)
    .refine((ids) => new Set(ids).size === ids.length, "Each lead once"),
);

/** A budget bound in minor units of `budgetCurrency` (which it needs: сум and dollars differ). */
const ZBudgetBound = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value),
  ZMoney,
);

export const ZLeadFilters = z.strictObject({
  /** Only these leads (a selection on the list, e.g. to export it). */
  ids: ZLeadIds.optional(),
  status: csv(ZLeadStatus).optional(),
  source: csv(ZLeadSource).optional(),
  ownerId: z.union([z.literal("none"), ZId]).optional(),
  region: text(100).optional(),
  complexId: ZId.optional(),
  createdFrom: ZIsoDateTime.optional(),
  createdTo: ZIsoDateTime.optional(),
  q: text(100).optional(),
  /**
   * "Stuck" leads: no change, comment or call on them for this many days (the dashboard's
   * figure links here with the days from the `dashboard.stuckLeadDays` setting).
   */
  idleDays: z.coerce.number().int().min(1).max(365).optional(),
  /** Budget at least / at most (inclusive), in minor units; both need `budgetCurrency`. */
  budgetMin: ZBudgetBound.optional(),
  budgetMax: ZBudgetBound.optional(),
  /** Leads whose budget is in this currency (a lead without a budget never matches). */
  budgetCurrency: ZCurrency.optional(),
  /** Archived leads are left out unless asked for (admins only). */
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
});
export type TLeadFilters = z.output<typeof ZLeadFilters>;
