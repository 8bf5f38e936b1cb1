import type {
  TExpense,
  ZCreateExpenseRequest,
  ZListExpensesQuery,
  ZUpdateExpenseRequest,
} from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { decodeCursor, encodeCursor } from "../cursor";
import { AppError, notFound } from "../errors";
import { addTo, totalsList, type Totals } from "./currency";

type Tx = Prisma.TransactionClient;

// ── Categories ───────────────────────────────────────────────────────────────────────────────

const categorySelect = { id: true, name: true, isActive: true } as const;

export async function listCategories(db: Pick<Db, "expenseCategory">) {
  const items = await db.expenseCategory.findMany({
    select: categorySelect,
    orderBy: [{ isActive: "desc" }, { name: "asc" }],
  });
  return { items };
}

const nameTaken = (name: string) =>
  new AppError("CONFLICT", {
    detail: `A category named "${name}" exists`,
    errors: [{ path: "name", message: "This name is taken", code: "duplicate" }],
  });

async function assertNameFree(tx: Tx, name: string, exceptId?: number) {
  const same = await tx.expenseCategory.findUnique({ where: { name }, select: { id: true } });
  if (same && same.id !== exceptId) throw nameTaken(name);
}

export async function createCategory(db: Db, actor: Actor, input: { name: string }) {
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const row = await tx.expenseCategory.create({
      data: { name: input.name },
      select: categorySelect,
    });
    await audit(tx, actor, {
      action: "expense.category.create",
      entityId: row.id,
      after: { name: row.name, isActive: row.isActive },
    });
    return row;
  });
}

export async function updateCategory(
  db: Db,
  actor: Actor,
  id: number,
  input: { name?: string; isActive?: boolean },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.expenseCategory.findUnique({ where: { id }, select: categorySelect });
    if (!before) throw notFound("Category");
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    const row = await tx.expenseCategory.update({
      where: { id },
      data: { name: input.name, isActive: input.isActive },
      select: categorySelect,
    });
    await audit(tx, actor, {
      action: "expense.category.update",
      entityId: id,
      before: { name: before.name, isActive: before.isActive },
      after: { name: row.name, isActive: row.isActive },
    });
    return row;
  });
}

// ── Expenses ─────────────────────────────────────────────────────────────────────────────────

const expenseSelect = {
  id: true,
  categoryId: true,
  amount: true,
  currency: true,
  spentOn: true,
  complexId: true,
  source: true,
  note: true,
  attachmentKey: true,
  attachmentName: true,
  attachmentType: true,
  attachmentSize: true,
  voidedAt: true,
  voidReason: true,
  createdAt: true,
  category: { select: categorySelect },
  complex: { select: { id: true, name: true } },
  user: { select: { firstName: true, lastName: true } },
} satisfies Prisma.ExpenseSelect;
type ExpenseRow = Prisma.ExpenseGetPayload<{ select: typeof expenseSelect }>;

function toExpense(row: ExpenseRow): TExpense {
  return {
    id: row.id,
    category: row.category,
    amount: Number(row.amount),
    currency: row.currency,
    spentOn: row.spentOn,
    complex: row.complex,
    source: row.source,
    note: row.note,
    attachment:
      row.attachmentKey && row.attachmentName && row.attachmentType
        ? {
            name: row.attachmentName,
            type: row.attachmentType as NonNullable<TExpense["attachment"]>["type"],
            size: row.attachmentSize ?? 0,
          }
        : null,
    createdBy: row.user ? `${row.user.firstName} ${row.user.lastName}`.trim() : null,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of an expense. */
const auditValues = (
  row: Pick<
    ExpenseRow,
    "categoryId" | "amount" | "currency" | "spentOn" | "complexId" | "source" | "note"
  >,
) => ({
  categoryId: row.categoryId,
  amount: Number(row.amount),
  currency: row.currency,
  spentOn: row.spentOn,
  complexId: row.complexId,
  source: row.source,
  note: row.note,
});

const fieldError = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", {
    detail: message,
    errors: [{ path, message, code: "invalid_reference" }],
  });

/** A new or changed expense must name an active category and an existing complex. */
async function checkReferences(
  tx: Tx,
  input: { categoryId?: number; complexId?: number | null },
  currentCategoryId?: number,
) {
  if (input.categoryId !== undefined) {
    const category = await tx.expenseCategory.findUnique({ where: { id: input.categoryId } });
    if (!category) throw fieldError("categoryId", "No such category");
    if (!category.isActive && category.id !== currentCategoryId)
      throw fieldError("categoryId", "This category is deactivated");
  }
  if (input.complexId) {
    const complex = await tx.complex.findUnique({ where: { id: input.complexId } });
    if (!complex) throw fieldError("complexId", "No such complex");
  }
}

export async function getExpense(db: Pick<Db, "expense">, id: number): Promise<TExpense> {
  const row = await db.expense.findUnique({ where: { id }, select: expenseSelect });
  if (!row) throw notFound("Expense");
  return toExpense(row);
}

export async function createExpense(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateExpenseRequest>,
): Promise<TExpense> {
  return db.$transaction(async (tx) => {
    await checkReferences(tx, input);
    const row = await tx.expense.create({
      data: {
        categoryId: input.categoryId,
        amount: BigInt(input.amount),
        currency: input.currency,
        spentOn: input.spentOn,
        complexId: input.complexId ?? null,
        source: input.source ?? null,
        note: input.note || null,
        userId: actor.id,
      },
      select: expenseSelect,
    });
    await audit(tx, actor, { action: "expense.create", entityId: row.id, after: auditValues(row) });
    return toExpense(row);
  });
}

export async function updateExpense(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateExpenseRequest>,
): Promise<TExpense> {
  return db.$transaction(async (tx) => {
    const before = await tx.expense.findUnique({ where: { id }, select: expenseSelect });
    if (!before) throw notFound("Expense");
    if (before.voidedAt)
      throw new AppError("CONFLICT", { detail: "A voided expense is not changed" });
    await checkReferences(tx, input, before.categoryId);
    const row = await tx.expense.update({
      where: { id },
      data: {
        categoryId: input.categoryId,
        amount: input.amount === undefined ? undefined : BigInt(input.amount),
        currency: input.currency,
        spentOn: input.spentOn,
        complexId: input.complexId,
        source: input.source,
        note: input.note === undefined ? undefined : input.note || null,
      },
      select: expenseSelect,
    });
    const was = auditValues(before);
    const now = auditValues(row);
    const changed = (Object.keys(now) as (keyof typeof now)[]).filter(
      (key) => was[key] !== now[key],
    );
    if (changed.length > 0) {
      await audit(tx, actor, {
        action: "expense.update",
        entityId: id,
        before: Object.fromEntries(changed.map((key) => [key, was[key]])),
        after: Object.fromEntries(changed.map((key) => [key, now[key]])),
      });
    }
    return toExpense(row);
  });
}

/** A wrong expense is voided: kept, with who and why, and never counted again. */
export async function voidExpense(
  db: Db,
  actor: Actor,
  id: number,
  reason: string,
  now = new Date(),
): Promise<TExpense> {
  return db.$transaction(async (tx) => {
    const before = await tx.expense.findUnique({ where: { id }, select: expenseSelect });
    if (!before) throw notFound("Expense");
    const voided = await tx.expense.updateMany({
      where: { id, voidedAt: null },
      data: { voidedAt: now, voidedById: actor.id, voidReason: reason },
    });
    if (voided.count === 0)
      throw new AppError("CONFLICT", { detail: "This expense is already voided" });
    await audit(tx, actor, {
      action: "expense.void",
      entityId: id,
      before: auditValues(before),
      after: { voidedAt: now.toISOString(), reason },
    });
    return getExpense(tx, id);
  });
}

type ListQuery = z.output<typeof ZListExpensesQuery>;

function filterWhere(query: Omit<ListQuery, "cursor" | "limit">): Prisma.ExpenseWhereInput {
  const spentOn: Prisma.StringFilter = {};
  if (query.from) spentOn.gte = query.from;
  if (query.to) spentOn.lte = query.to;
  return {
    ...(query.from || query.to ? { spentOn } : {}),
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    ...(query.complexId ? { complexId: query.complexId } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.currency ? { currency: query.currency } : {}),
    ...(query.voided === "exclude"
      ? { voidedAt: null }
      : query.voided === "only"
        ? { voidedAt: { not: null } }
        : {}),
  };
}

const isExpenseCursor = (value: unknown): value is [string, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === "string" &&
  Number.isSafeInteger(value[1]);

/** Newest first (by day, then entry), with the totals per currency of everything the filters match. */
export async function listExpenses(db: Pick<Db, "expense">, query: ListQuery) {
  const where = filterWhere(query);
  const cursor = decodeCursor(query.cursor, isExpenseCursor);
  const rows = await db.expense.findMany({
    where: cursor
      ? {
          AND: [
            where,
            {
              OR: [{ spentOn: { lt: cursor[0] } }, { spentOn: cursor[0], id: { lt: cursor[1] } }],
            },
          ],
        }
      : where,
    orderBy: [{ spentOn: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: expenseSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const sums = await db.expense.groupBy({
    by: ["currency"],
    where: { AND: [where, { voidedAt: null }] },
    _sum: { amount: true },
  });
  const totals: Totals = new Map();
  for (const sum of sums) addTo(totals, sum.currency, sum._sum.amount ?? 0n);
  return {
    items: page.map(toExpense),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.spentOn, last.id]) : null,
    totals: totalsList(totals),
  };
}
