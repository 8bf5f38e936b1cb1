import { z } from "zod";
import {
  cursorOf,
  MAX_MONEY,
  optionalText,
  text,
  ZCurrency,
  ZId,
  ZLeadSource,
  ZMoney,
  ZMonth,
} from "./common";
import { EXPENSE_READERS, EXPENSE_WRITERS, RATE_WRITERS } from "./roles";
import { defineRoute } from "./routes";

/** A calendar day, `YYYY-MM-DD`, a real one. */
export const ZDay = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "A day as YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return false;
    const year = date.getUTCFullYear();
    return date.toISOString().startsWith(value) && year >= 1900 && year <= 2200;
  }, "Not a calendar day between 1900 and 2200");

/** Receipts attached to expenses: what is accepted, by content (magic bytes), and how large. */
export const ATTACHMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const ZAttachmentType = z.enum(ATTACHMENT_TYPES);
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ZExpenseCategory = z.object({
  id: z.number().int(),
  name: z.string(),
  isActive: z.boolean(),
});
export type TExpenseCategory = z.infer<typeof ZExpenseCategory>;

export const ZCreateCategoryRequest = z.strictObject({ name: text(100) });
export const ZUpdateCategoryRequest = z
  .strictObject({ name: text(100).optional(), isActive: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.isActive !== undefined, "Nothing to change");

/** An amount in one currency. Totals are always a list of these: currencies are never added. */
export const ZCurrencyAmount = z.object({ currency: ZCurrency, amount: z.number().int() });
export type TCurrencyAmount = z.infer<typeof ZCurrencyAmount>;

/** The rate of one month used for a converted figure. */
export const ZRateUsed = z.object({ month: z.string(), uzsPerUsd: z.number().int() });

/**
 * A figure stated in one currency from amounts in several: it names the rates it used, and is
 * null (with the months listed) when a month it needs has no rate — never a silent guess.
 */
export const ZConverted = z.object({
  currency: ZCurrency,
  amount: z.number().int().nullable(),
  ratesUsed: z.array(ZRateUsed),
  missingRates: z.array(z.string()),
});
export type TConverted = z.infer<typeof ZConverted>;

export const ZExpense = z.object({
  id: z.number().int(),
  category: ZExpenseCategory,
  amount: z.number().int(),
  currency: ZCurrency,
  spentOn: z.string(),
  complex: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  source: ZLeadSource.nullable(),
  note: z.string().nullable(),
  attachment: z
    .object({ name: z.string(), type: ZAttachmentType, size: z.number().int() })
    .nullable(),
  createdBy: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
});
export type TExpense = z.infer<typeof ZExpense>;

const expenseFields = {
  categoryId: ZId,
  amount: ZMoney.min(1),
  currency: ZCurrency,
  spentOn: ZDay,
  complexId: ZId.nullable().optional(),
  source: ZLeadSource.nullable().optional(),
  note: optionalText(1000, { multiline: true }).nullable().optional(),
};
export const ZCreateExpenseRequest = z.strictObject(expenseFields);
export type TCreateExpenseRequest = z.input<typeof ZCreateExpenseRequest>;
export const ZUpdateExpenseRequest = z
  .strictObject({
    categoryId: expenseFields.categoryId.optional(),
    amount: expenseFields.amount.optional(),
    currency: expenseFields.currency.optional(),
    spentOn: expenseFields.spentOn.optional(),
    complexId: expenseFields.complexId,
    source: expenseFields.source,
    note: expenseFields.note,
  })
  .refine((body) => Object.keys(body).length > 0, "Nothing to change");
export const ZVoidExpenseRequest = z.strictObject({ reason: text(500) });

/** Expense list cursor: the last row's day and id (newest first). */
export const ZExpenseCursor = z.tuple([ZDay, z.number().int().min(1).max(2_147_483_647)]);

export const ZExpenseFilters = z.strictObject({
  from: ZDay.optional(),
  to: ZDay.optional(),
  categoryId: ZId.optional(),
  complexId: ZId.optional(),
  source: ZLeadSource.optional(),
  currency: ZCurrency.optional(),
  /** Voided expenses are hidden unless asked for; they never count in totals. */
  voided: z.enum(["exclude", "include", "only"]).default("exclude"),
});
export const ZListExpensesQuery = ZExpenseFilters.extend({
  cursor: cursorOf(ZExpenseCursor).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListExpensesQuery = z.input<typeof ZListExpensesQuery>;

export const ZExpensePage = z.object({
  items: z.array(ZExpense),
  nextCursor: z.string().nullable(),
  /** Over every expense matching the filters (not only this page), voided ones left out. */
  totals: z.array(ZCurrencyAmount),
});

export const ZBudget = z.object({
  id: z.number().int(),
  category: ZExpenseCategory,
  month: z.string(),
  complex: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  planned: z.number().int(),
  currency: ZCurrency,
});
export type TBudget = z.infer<typeof ZBudget>;

/** Sets (creates or replaces) the budget of a category for a month, company-wide or one complex. */
export const ZSetBudgetRequest = z.strictObject({
  categoryId: ZId,
  month: ZMonth,
  complexId: ZId.nullable().optional(),
  planned: ZMoney,
  currency: ZCurrency,
});

/** A period of months, at most two years, `from` ≤ `to`. */
const monthRange = z
  .strictObject({ from: ZMonth, to: ZMonth, complexId: ZId.optional() })
  .refine((range) => range.from <= range.to, { path: ["to"], message: "Ends before it starts" })
  .refine((range) => monthsBetween(range.from, range.to) <= 24, {
    path: ["to"],
    message: "At most 24 months",
  });

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const ZBudgetsQuery = monthRange;
export const ZPlanVsFactQuery = z
  .strictObject({
    from: ZMonth,
    to: ZMonth,
    complexId: ZId.optional(),
    /** Also state the totals in this currency, at each month's rate. */
    convertTo: ZCurrency.optional(),
  })
  .refine((range) => range.from <= range.to, { path: ["to"], message: "Ends before it starts" })
  .refine((range) => monthsBetween(range.from, range.to) <= 24, {
    path: ["to"],
    message: "At most 24 months",
  });
export type TPlanVsFactQuery = z.input<typeof ZPlanVsFactQuery>;

export const ZPlanFactCell = z.object({
  currency: ZCurrency,
  planned: z.number().int(),
  actual: z.number().int(),
  /** planned − actual: negative is overspent. */
  variance: z.number().int(),
  /** actual as a percentage of planned; null without a plan. */
  usedPct: z.number().nullable(),
});
export const ZPlanVsFact = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(ZPlanFactCell.extend({ month: z.string(), category: ZExpenseCategory })),
  /** Per category over the whole period, per currency. */
  byCategory: z.array(ZPlanFactCell.extend({ category: ZExpenseCategory })),
  /** The period's totals, one per currency. */
  totals: z.array(ZPlanFactCell),
  converted: z.object({ planned: ZConverted, actual: ZConverted }).nullable(),
});
export type TPlanVsFact = z.infer<typeof ZPlanVsFact>;

export const ZRoiQuery = z
  .strictObject({
    from: ZDay,
    to: ZDay,
    complexId: ZId.optional(),
    convertTo: ZCurrency.optional(),
  })
  .refine((range) => range.from <= range.to, { path: ["to"], message: "Ends before it starts" });
export type TRoiQuery = z.input<typeof ZRoiQuery>;

export const ZRoiRow = z.object({
  source: ZLeadSource,
  complex: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Leads that came in during the period (archived ones left out). */
  leads: z.number().int(),
  /** Contracts signed during the period for these leads. */
  deals: z.number().int(),
  /** Per currency: spend, revenue (signed contracts' prices) and the costs per lead and sale. */
  money: z.array(
    z.object({
      currency: ZCurrency,
      spend: z.number().int(),
      revenue: z.number().int(),
      costPerLead: z.number().int().nullable(),
      costPerSale: z.number().int().nullable(),
    }),
  ),
  converted: z
    .object({
      spend: ZConverted,
      revenue: ZConverted,
      costPerLead: z.number().int().nullable(),
      costPerSale: z.number().int().nullable(),
    })
    .nullable(),
});
export const ZRoi = z.object({ from: z.string(), to: z.string(), rows: z.array(ZRoiRow) });
export type TRoi = z.infer<typeof ZRoi>;

export const ZCurrencyRate = z.object({
  month: z.string(),
  /** UZS minor units per one dollar. */
  uzsPerUsd: z.number().int(),
  updatedAt: z.string(),
});
export const ZSetRateRequest = z.strictObject({
  uzsPerUsd: z.number().int().min(1).max(MAX_MONEY),
});
export const ZMonthParams = z.strictObject({ month: ZMonth });

export const expenseRoutes = {
  categories: defineRoute({
    method: "get",
    path: "/api/expense-categories",
    summary: "Expense categories (active and deactivated)",
    tag: "expenses",
    access: EXPENSE_READERS,
    status: 200,
    response: z.object({ items: z.array(ZExpenseCategory) }),
  }),
  createCategory: defineRoute({
    method: "post",
    path: "/api/expense-categories",
    summary: "Add an expense category",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    body: ZCreateCategoryRequest,
    status: 201,
    response: ZExpenseCategory,
    problems: [409],
  }),
  updateCategory: defineRoute({
    method: "patch",
    path: "/api/expense-categories/:id",
    summary: "Rename, deactivate or reactivate an expense category",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    params: z.strictObject({ id: ZId }),
    body: ZUpdateCategoryRequest,
    status: 200,
    response: ZExpenseCategory,
    problems: [404, 409],
  }),
  list: defineRoute({
    method: "get",
    path: "/api/expenses",
    summary: "Expenses, newest first, with totals per currency over the filters",
    tag: "expenses",
    access: EXPENSE_READERS,
    query: ZListExpensesQuery,
    status: 200,
    response: ZExpensePage,
  }),
  create: defineRoute({
    method: "post",
    path: "/api/expenses",
    summary: "Enter an expense",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    body: ZCreateExpenseRequest,
    status: 201,
    response: ZExpense,
    problems: [404, 409],
  }),
  get: defineRoute({
    method: "get",
    path: "/api/expenses/:id",
    summary: "One expense",
    tag: "expenses",
    access: EXPENSE_READERS,
    params: z.strictObject({ id: ZId }),
    status: 200,
    response: ZExpense,
    problems: [404],
  }),
  update: defineRoute({
    method: "patch",
    path: "/api/expenses/:id",
    summary: "Correct an expense (not a voided one)",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    params: z.strictObject({ id: ZId }),
    body: ZUpdateExpenseRequest,
    status: 200,
    response: ZExpense,
    problems: [404, 409],
  }),
  void: defineRoute({
    method: "post",
    path: "/api/expenses/:id/void",
    summary: "Void a wrong expense (kept on record with the reason; no longer counted)",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    params: z.strictObject({ id: ZId }),
    body: ZVoidExpenseRequest,
    status: 200,
    response: ZExpense,
    problems: [404, 409],
  }),
  putAttachment: defineRoute({
    method: "put",
    path: "/api/expenses/:id/attachment",
    summary:
      "Attach the receipt: the file itself as the body (PDF, JPEG or PNG by content, at most 5 MB)",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    params: z.strictObject({ id: ZId }),
    consumes: ATTACHMENT_TYPES,
    status: 200,
    response: ZExpense,
    problems: [404, 409, 413, 415],
  }),
  getAttachment: defineRoute({
    method: "get",
    path: "/api/expenses/:id/attachment",
    summary: "Download the receipt attached to an expense",
    tag: "expenses",
    access: EXPENSE_READERS,
    params: z.strictObject({ id: ZId }),
    status: 200,
    response: null,
    produces: "application/octet-stream",
    problems: [404],
  }),
  budgets: defineRoute({
    method: "get",
    path: "/api/budgets",
    summary: "Budgets of a period of months",
    tag: "expenses",
    access: EXPENSE_READERS,
    query: ZBudgetsQuery,
    status: 200,
    response: z.object({ items: z.array(ZBudget) }),
  }),
  setBudget: defineRoute({
    method: "put",
    path: "/api/budgets",
    summary: "Set a category's budget for a month (company-wide or one complex)",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    body: ZSetBudgetRequest,
    status: 200,
    response: ZBudget,
    problems: [404],
  }),
  deleteBudget: defineRoute({
    method: "delete",
    path: "/api/budgets/:id",
    summary: "Remove a budget",
    tag: "expenses",
    access: EXPENSE_WRITERS,
    params: z.strictObject({ id: ZId }),
    status: 204,
    response: null,
    problems: [404],
  }),
  planVsFact: defineRoute({
    method: "get",
    path: "/api/budgets/plan-vs-fact",
    summary: "Planned vs spent per month and category, with variance, per currency",
    tag: "expenses",
    access: EXPENSE_READERS,
    query: ZPlanVsFactQuery,
    status: 200,
    response: ZPlanVsFact,
  }),
  roi: defineRoute({
    method: "get",
    path: "/api/marketing/roi",
    summary:
      "Marketing ROI per source and complex: spend, leads, deals, revenue, costs per lead/sale",
    tag: "expenses",
    access: EXPENSE_READERS,
    query: ZRoiQuery,
    status: 200,
    response: ZRoi,
  }),
  rates: defineRoute({
    method: "get",
    path: "/api/currency-rates",
    summary: "Monthly UZS/USD rates",
    tag: "expenses",
    access: EXPENSE_READERS,
    status: 200,
    response: z.object({ items: z.array(ZCurrencyRate) }),
  }),
  setRate: defineRoute({
    method: "put",
    path: "/api/currency-rates/:month",
    summary: "Set the UZS/USD rate of a month",
    tag: "expenses",
    access: RATE_WRITERS,
    params: ZMonthParams,
    body: ZSetRateRequest,
    status: 200,
    response: ZCurrencyRate,
  }),
};
