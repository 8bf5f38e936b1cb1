import type { TExpectedVsReceived, ZRegisterQuery } from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import { decodeCursor, encodeCursor } from "../cursor";
import { addTo, byCurrency, totalsList, type Totals } from "../expenses/currency";
import { localDayKey, localDayStart } from "../local-time";

const DAY = 86_400_000;

type RegisterQuery = z.output<typeof ZRegisterQuery>;

const registerSelect = {
  id: true,
  number: true,
  paidAt: true,
  amount: true,
  currency: true,
  method: true,
  reversedAt: true,
  reversalReason: true,
  contract: {
    select: {
      id: true,
      number: true,
      apartment: { select: { complex: { select: { id: true, name: true } } } },
    },
  },
  payment: { select: { lead: { select: { id: true, fullName: true } } } },
  recordedBy: { select: { id: true, firstName: true, lastName: true } },
} satisfies Prisma.PaymentReceiptSelect;

function registerWhere(
  query: Omit<RegisterQuery, "cursor" | "limit">,
): Prisma.PaymentReceiptWhereInput {
  const paidAt: Prisma.DateTimeFilter = {};
  if (query.from) paidAt.gte = localDayStart(query.from);
  if (query.to) paidAt.lt = new Date(localDayStart(query.to).getTime() + DAY);
  return {
    ...(query.from || query.to ? { paidAt } : {}),
    ...(query.complexId ? { contract: { apartment: { complexId: query.complexId } } } : {}),
    ...(query.dealId ? { contractId: query.dealId } : {}),
    ...(query.method ? { method: query.method } : {}),
    ...(query.recordedById ? { recordedById: query.recordedById } : {}),
    ...(query.reversed === "exclude"
      ? { reversedAt: null }
      : query.reversed === "only"
        ? { reversedAt: { not: null } }
        : {}),
  };
}

const isRegisterCursor = (value: unknown): value is [string, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === "string" &&
  !Number.isNaN(Date.parse(value[0])) &&
  Number.isSafeInteger(value[1]);

/**
 * The payments register: every receipt, newest first, with the deal, buyer, complex and who
 * recorded it; totals per currency over everything the filters match (reversed receipts are
 * listed, marked, and never counted).
 */
export async function paymentsRegister(db: Pick<Db, "paymentReceipt">, query: RegisterQuery) {
  const where = registerWhere(query);
  const cursor = decodeCursor(query.cursor, isRegisterCursor);
  const rows = await db.paymentReceipt.findMany({
    where: cursor
      ? {
          AND: [
            where,
            {
              OR: [
                { paidAt: { lt: new Date(cursor[0]) } },
                { paidAt: new Date(cursor[0]), id: { lt: cursor[1] } },
              ],
            },
          ],
        }
      : where,
    orderBy: [{ paidAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: registerSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const sums = await db.paymentReceipt.groupBy({
    by: ["currency"],
    where: { AND: [where, { reversedAt: null }] },
    _sum: { amount: true },
  });
  const totals: Totals = new Map();
  for (const sum of sums) addTo(totals, sum.currency, sum._sum.amount ?? 0n);
  return {
    items: page.map((row) => ({
      id: row.id,
      number: row.number,
      paidAt: row.paidAt.toISOString(),
      amount: Number(row.amount),
      currency: row.currency,
      method: row.method,
      deal: row.contract ? { id: row.contract.id, number: row.contract.number } : null,
      lead: row.payment.lead,
      complex: row.contract?.apartment.complex ?? null,
      recordedBy: row.recordedBy
        ? {
            id: row.recordedBy.id,
            name: `${row.recordedBy.firstName} ${row.recordedBy.lastName}`.trim(),
          }
        : null,
      reversedAt: row.reversedAt?.toISOString() ?? null,
      reversalReason: row.reversalReason,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.paidAt.toISOString(), last.id]) : null,
    totals: totalsList(totals),
  };
}

/**
 * A month (local calendar; the current one by default): what falls due on live contracts, how
 * much of that is paid, and everything received in the month — per currency.
 */
export async function expectedVsReceived(
  db: Pick<Db, "payment" | "paymentReceipt">,
  month: string | undefined,
  now = new Date(),
): Promise<TExpectedVsReceived> {
  const key = month ?? localDayKey(now).slice(0, 7);
  const [year, monthIndex] = key.split("-").map(Number) as [number, number];
  const start = localDayStart(`${key}-01`);
  const next = new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
  const end = localDayStart(next);
  const [due, received] = await Promise.all([
    db.payment.groupBy({
      by: ["currency"],
      where: {
        dueDate: { gte: start, lt: end },
        OR: [{ contractId: null }, { contract: { status: { not: "CANCELLED" } } }],
      },
      _sum: { amount: true, paidAmount: true },
    }),
    db.paymentReceipt.groupBy({
      by: ["currency"],
      where: { paidAt: { gte: start, lt: end }, reversedAt: null },
      _sum: { amount: true },
    }),
  ]);
  const expected: Totals = new Map();
  const paid: Totals = new Map();
  const got: Totals = new Map();
  for (const row of due) {
    addTo(expected, row.currency, row._sum.amount ?? 0n);
    addTo(paid, row.currency, row._sum.paidAmount ?? 0n);
  }
  for (const row of received) addTo(got, row.currency, row._sum.amount ?? 0n);
  const currencies = [...new Set([...expected.keys(), ...got.keys()])].sort(byCurrency);
  return {
    month: key,
    items: currencies.map((currency) => ({
      currency,
      expected: Number(expected.get(currency) ?? 0n),
      paidOfExpected: Number(paid.get(currency) ?? 0n),
      received: Number(got.get(currency) ?? 0n),
    })),
  };
}
