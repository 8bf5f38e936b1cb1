import { z } from "zod";
import { ZCurrency, ZId, ZMonth } from "./common";
import { defineRoute } from "./routes";

const MONEY_READERS = ["ADMIN", "FINANCIER", "ROP"] as const;

export const ZCashByComplex = z.object({
  complexId: z.number().int(),
  name: z.string(),
  currency: ZCurrency,
  /** Sum of every scheduled payment of live (not cancelled) contracts, minor units. */
  expected: z.number().int(),
  received: z.number().int(),
  /** Past due and not yet received. */
  overdue: z.number().int(),
});

export const ZForecastMonth = z.object({
  month: z.string(),
  currency: ZCurrency,
  /** Still to be received from payments due that month. */
  due: z.number().int(),
  /** Received in that month. */
  received: z.number().int(),
});

export const financeRoutes = {
  cashByComplex: defineRoute({
    method: "get",
    path: "/api/finance/complexes",
    summary: "Cash received vs expected per complex and currency",
    tag: "finance",
    access: MONEY_READERS,
    query: z.strictObject({ complexId: ZId.optional() }),
    status: 200,
    response: z.object({ items: z.array(ZCashByComplex) }),
  }),
  forecast: defineRoute({
    method: "get",
    path: "/api/finance/forecast",
    summary: "Monthly cash flow: received so far and still due, from the schedules",
    tag: "finance",
    access: MONEY_READERS,
    query: z.strictObject({
      from: ZMonth.optional(),
      months: z.coerce.number().int().min(1).max(60).default(12),
    }),
    status: 200,
    response: z.object({ items: z.array(ZForecastMonth) }),
  }),
};
