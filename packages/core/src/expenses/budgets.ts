import {
  monthsBetween,
  type TBudget,
  type TCurrency,
  type TExpenseCategory,
  type TPlanVsFact,
  type ZSetBudgetRequest,
} from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { byCurrency, convert, type MonthAmount } from "./currency";

/**
 * Budgets are per category and month, for the company as a whole (complexId 0) or for one
 * complex; the company's plan for a month is the sum of all of them. Each is in one currency,
 * and plan and fact are compared per currency: a USD budget is never met by UZS spending.
 */
const budgetSelect = {
  id: true,
  categoryId: true,
  month: true,
  complexId: true,
  planned: true,
  currency: true,
  category: { select: { id: true, name: true, isActive: true } },
} satisfies Prisma.BudgetSelect;
type BudgetRow = Prisma.BudgetGetPayload<{ select: typeof budgetSelect }>;

async function complexNames(db: Pick<Db, "complex">, ids: number[]) {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await db.complex.findMany({
    where: { id: { in: wanted } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}

function toBudget(row: BudgetRow, names: Map<number, string>): TBudget {
  return {
    id: row.id,
    category: row.category,
    month: row.month,
    complex: row.complexId > 0 ? { id: row.complexId, name: names.get(row.complexId) ?? "" } : null,
    planned: Number(row.planned),
    currency: row.currency,
  };
}

const auditBudget = (
  row: Pick<BudgetRow, "categoryId" | "month" | "complexId" | "planned" | "currency">,
) => ({
  categoryId: row.categoryId,
  month: row.month,
  complexId: row.complexId > 0 ? row.complexId : null,
  planned: Number(row.planned),
  currency: row.currency,
});

export async function listBudgets(
  db: Pick<Db, "budget" | "complex">,
  query: { from: string; to: string; complexId?: number },
) {
  const rows = await db.budget.findMany({
    where: {
      month: { gte: query.from, lte: query.to },
      ...(query.complexId ? { complexId: query.complexId } : {}),
    },
    select: budgetSelect,
    orderBy: [{ month: "asc" }, { category: { name: "asc" } }, { complexId: "asc" }],
  });
  const names = await complexNames(
    db,
    rows.map((row) => row.complexId),
  );
  return { items: rows.map((row) => toBudget(row, names)) };
}

/** Creates or replaces the budget of a category for a month (and complex). */
export async function setBudget(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZSetBudgetRequest>,
): Promise<TBudget> {
  return db.$transaction(async (tx) => {
    const category = await tx.expenseCategory.findUnique({ where: { id: input.categoryId } });
    if (!category) throw notFound("Category");
    const complexId = input.complexId ?? 0;
    if (complexId && !(await tx.complex.findUnique({ where: { id: complexId } })))
      throw notFound("Complex");
    const key = { categoryId: input.categoryId, month: input.month, complexId };
    const before = await tx.budget.findUnique({ where: { categoryId_month_complexId: key } });
    if (!before && !category.isActive)
      throw new AppError("VALIDATION_FAILED", {
        detail: "This category is deactivated",
        errors: [{ path: "categoryId", message: "Deactivated", code: "invalid_reference" }],
      });
    const data = { planned: BigInt(input.planned), currency: input.currency };
    const row = await tx.budget.upsert({
      where: { categoryId_month_complexId: key },
      create: { ...key, ...data },
      update: data,
      select: budgetSelect,
    });
    await audit(tx, actor, {
      action: "budget.set",
      entityId: row.id,
      before: before ? auditBudget(before) : null,
      after: auditBudget(row),
    });
    return toBudget(row, await complexNames(tx, [complexId]));
  });
}

export async function deleteBudget(db: Db, actor: Actor, id: number) {
  await db.$transaction(async (tx) => {
    const before = await tx.budget.findUnique({ where: { id } });
    if (!before) throw notFound("Budget");
    await tx.budget.delete({ where: { id } });
    await audit(tx, actor, { action: "budget.delete", entityId: id, before: auditBudget(before) });
  });
}

interface Cell {
  planned: bigint;
  actual: bigint;
}
const cellOut = (cell: Cell, currency: TCurrency) => ({
  currency,
  planned: Number(cell.planned),
  actual: Number(cell.actual),
  variance: Number(cell.planned - cell.actual),
  usedPct:
    cell.planned > 0n ? Math.round((Number(cell.actual) / Number(cell.planned)) * 1000) / 10 : null,
});

/**
 * Plan vs fact over a period of months: per month, category and currency, per category over the
 * period, and the period's totals — each per currency. With `convertTo`, the period's plan and
 * fact are also stated in that currency at each month's rate (or null, naming months without one).
 */
export async function planVsFact(
  db: Pick<Db, "budget" | "expense" | "expenseCategory" | "currencyRate">,
  query: { from: string; to: string; complexId?: number; convertTo?: TCurrency },
): Promise<TPlanVsFact> {
  if (monthsBetween(query.from, query.to) > 24)
    throw new AppError("VALIDATION_FAILED", { detail: "At most 24 months" });
  const [budgets, spent, categories] = await Promise.all([
    db.budget.groupBy({
      by: ["categoryId", "month", "currency"],
      where: {
        month: { gte: query.from, lte: query.to },
        ...(query.complexId ? { complexId: query.complexId } : {}),
      },
      _sum: { planned: true },
    }),
    // Grouped by day in the database; days fold into months below (spentOn is YYYY-MM-DD).
    db.expense.groupBy({
      by: ["categoryId", "spentOn", "currency"],
      where: {
        voidedAt: null,
        spentOn: { gte: `${query.from}-01`, lte: `${query.to}-31` },
        ...(query.complexId ? { complexId: query.complexId } : {}),
      },
      _sum: { amount: true },
    }),
    db.expenseCategory.findMany({ select: { id: true, name: true, isActive: true } }),
  ]);
  const byId = new Map<number, TExpenseCategory>(categories.map((c) => [c.id, c]));
  const cells = new Map<
    string,
    Cell & { month: string; categoryId: number; currency: TCurrency }
  >();
  const cell = (month: string, categoryId: number, currency: TCurrency) => {
    const key = `${month}|${categoryId}|${currency}`;
    let found = cells.get(key);
    if (!found) {
      found = { month, categoryId, currency, planned: 0n, actual: 0n };
      cells.set(key, found);
    }
    return found;
  };
  for (const row of budgets)
    cell(row.month, row.categoryId, row.currency).planned += row._sum.planned ?? 0n;
  for (const row of spent)
    cell(row.spentOn.slice(0, 7), row.categoryId, row.currency).actual += row._sum.amount ?? 0n;

  const rows = [...cells.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      byId.get(a.categoryId)!.name.localeCompare(byId.get(b.categoryId)!.name) ||
      a.currency.localeCompare(b.currency),
  );
  const perCategory = new Map<string, Cell & { categoryId: number; currency: TCurrency }>();
  const perCurrency = new Map<TCurrency, Cell>();
  for (const row of rows) {
    const key = `${row.categoryId}|${row.currency}`;
    const c = perCategory.get(key) ?? {
      categoryId: row.categoryId,
      currency: row.currency,
      planned: 0n,
      actual: 0n,
    };
    c.planned += row.planned;
    c.actual += row.actual;
    perCategory.set(key, c);
    const t = perCurrency.get(row.currency) ?? { planned: 0n, actual: 0n };
    t.planned += row.planned;
    t.actual += row.actual;
    perCurrency.set(row.currency, t);
  }

  let converted: TPlanVsFact["converted"] = null;
  if (query.convertTo) {
    const plannedAmounts: MonthAmount[] = rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      amount: r.planned,
    }));
    const actualAmounts: MonthAmount[] = rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      amount: r.actual,
    }));
    converted = {
      planned: await convert(db, plannedAmounts, query.convertTo),
      actual: await convert(db, actualAmounts, query.convertTo),
    };
  }
  return {
    from: query.from,
    to: query.to,
    rows: rows.map((row) => ({
      month: row.month,
      category: byId.get(row.categoryId)!,
      ...cellOut(row, row.currency),
    })),
    byCategory: [...perCategory.values()]
      .sort((a, b) => byId.get(a.categoryId)!.name.localeCompare(byId.get(b.categoryId)!.name))
      .map((c) => ({ category: byId.get(c.categoryId)!, ...cellOut(c, c.currency) })),
    totals: [...perCurrency.entries()]
      .sort(([a], [b]) => byCurrency(a, b))
      .map(([currency, c]) => cellOut(c, currency)),
    converted,
  };
}
