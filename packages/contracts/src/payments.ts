import { z } from "zod";
import { cursorOf, MAX_ID, ZCurrency, ZId, ZIsoDateTime, ZMonth, ZPaymentMethod } from "./common";
import { ZCurrencyAmount, ZDay } from "./expenses";
import { REGISTER_READERS } from "./roles";
import { defineRoute } from "./routes";

export const ZRegisterFilters = z.strictObject({
  from: ZDay.optional(),
  to: ZDay.optional(),
  complexId: ZId.optional(),
  dealId: ZId.optional(),
  method: ZPaymentMethod.optional(),
  recordedById: ZId.optional(),
  /** Reversed receipts are listed unless excluded; they never count in totals. */
  reversed: z.enum(["include", "exclude", "only"]).default("include"),
});

/** The last row's receipt time and id (newest first). */
export const ZRegisterCursor = z.tuple([ZIsoDateTime, z.number().int().min(1).max(MAX_ID)]);

export const ZRegisterQuery = ZRegisterFilters.extend({
  cursor: cursorOf(ZRegisterCursor).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TRegisterQuery = z.input<typeof ZRegisterQuery>;

export const ZRegisterItem = z.object({
  id: z.number().int(),
  number: z.string(),
  paidAt: z.string(),
  amount: z.number().int(),
  currency: ZCurrency,
  method: ZPaymentMethod,
  deal: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  lead: z.object({ id: z.number().int(), fullName: z.string() }),
  complex: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  recordedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
});
export type TRegisterItem = z.infer<typeof ZRegisterItem>;

export const ZRegisterPage = z.object({
  items: z.array(ZRegisterItem),
  nextCursor: z.string().nullable(),
  /** Received over every receipt matching the filters, reversed ones left out. */
  totals: z.array(ZCurrencyAmount),
});

export const ZExpectedVsReceived = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      currency: ZCurrency,
      /** Due this month on live contracts. */
      expected: z.number().int(),
      /** Of that, already paid. */
      paidOfExpected: z.number().int(),
      /** Every receipt of the month (also for earlier or later instalments). */
      received: z.number().int(),
    }),
  ),
});
export type TExpectedVsReceived = z.infer<typeof ZExpectedVsReceived>;

export const paymentRegisterRoutes = {
  register: defineRoute({
    method: "get",
    path: "/api/payments/register",
    summary: "Every payment received, with filters and totals per currency",
    tag: "payments",
    access: REGISTER_READERS,
    query: ZRegisterQuery,
    status: 200,
    response: ZRegisterPage,
  }),
  expectedVsReceived: defineRoute({
    method: "get",
    path: "/api/payments/expected",
    summary: "A month's expected receipts against what was received, per currency",
    tag: "payments",
    access: REGISTER_READERS,
    query: z.strictObject({ month: ZMonth.optional() }),
    status: 200,
    response: ZExpectedVsReceived,
  }),
};
