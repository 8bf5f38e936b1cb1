import { Prisma, type Currency, type SqlReader } from "@crm/db";
import { localPeriodSql, TASHKENT_OFFSET_MINUTES } from "../local-time";
import { int } from "../sql";

/** Live contracts only: a cancelled contract expects nothing more. */
const LIVE = Prisma.sql`(c."status" IS NULL OR c."status" <> 'CANCELLED')`;

export async function cashByComplex(
  reader: SqlReader,
  complexId: number | undefined,
  now = new Date(),
) {
  const rows = await reader.all(Prisma.sql`
    SELECT x."id" AS "complexId", x."name", p."currency",
           SUM(p."amount") AS "expected",
           SUM(p."paidAmount") AS "received",
           SUM(CASE WHEN p."dueDate" < ${now} THEN p."amount" - p."paidAmount" ELSE 0 END) AS "overdue"
    FROM "Payment" p
    JOIN "Contract" c ON c."id" = p."contractId"
    JOIN "Apartment" a ON a."id" = c."apartmentId"
    JOIN "Complex" x ON x."id" = a."complexId"
    WHERE ${LIVE} ${complexId ? Prisma.sql`AND x."id" = ${complexId}` : Prisma.empty}
    GROUP BY x."id", x."name", p."currency"
    ORDER BY x."name"`);
  return {
    items: rows.map((row) => ({
      complexId: int(row.complexId),
      name: String(row.name),
      currency: row.currency as Currency,
      expected: int(row.expected),
      received: int(row.received),
      overdue: int(row.overdue),
    })),
  };
}

/** Twelve (or `months`) calendar months from `from`: what is still due, and what came in. */
export async function forecast(
  reader: SqlReader,
  from: string | undefined,
  months: number,
  now = new Date(),
) {
  const local = new Date(now.getTime() + TASHKENT_OFFSET_MINUTES * 60_000);
  const start =
    from ?? `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
  const [year, monthIndex] = start.split("-").map(Number) as [number, number];
  const keys = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(year, monthIndex - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  const dueMonth = localPeriodSql(reader.provider, 'p."dueDate"', "month", TASHKENT_OFFSET_MINUTES);
  const paidMonth = localPeriodSql(reader.provider, 'r."paidAt"', "month", TASHKENT_OFFSET_MINUTES);
  const [due, received] = await Promise.all([
    reader.all(Prisma.sql`
      SELECT ${dueMonth} AS "month", p."currency", SUM(p."amount" - p."paidAmount") AS "total"
      FROM "Payment" p LEFT JOIN "Contract" c ON c."id" = p."contractId"
      WHERE ${LIVE} AND p."amount" > p."paidAmount"
      GROUP BY 1, 2`),
    reader.all(Prisma.sql`
      SELECT ${paidMonth} AS "month", r."currency", SUM(r."amount") AS "total"
      FROM "PaymentReceipt" r
      WHERE r."reversedAt" IS NULL
      GROUP BY 1, 2`),
  ]);
  const table = new Map<
    string,
    { month: string; currency: Currency; due: number; received: number }
  >();
  const cell = (monthKey: string, currency: Currency) => {
    const key = `${monthKey}|${currency}`;
    if (!table.has(key)) table.set(key, { month: monthKey, currency, due: 0, received: 0 });
    return table.get(key)!;
  };
  for (const row of due) {
    const key = String(row.month);
    if (key >= first && key <= last) cell(key, row.currency as Currency).due += int(row.total);
  }
  for (const row of received) {
    const key = String(row.month);
    if (key >= first && key <= last) cell(key, row.currency as Currency).received += int(row.total);
  }
  const currencies = [...new Set([...table.values()].map((row) => row.currency))];
  return {
    items: keys.flatMap((key) => currencies.map((currency) => cell(key, currency))),
  };
}
