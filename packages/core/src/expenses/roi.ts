import type { TCurrency, TRoi } from "@crm/contracts";
import { Prisma, type Db, type LeadSource, type SqlReader } from "@crm/db";
import { localDayStart, localPeriodSql, TASHKENT_OFFSET_MINUTES } from "../local-time";
import { int } from "../sql";
import { byCurrency, convert, type MonthAmount } from "./currency";

const DAY = 86_400_000;

interface Row {
  source: LeadSource;
  complexId: number | null;
  leads: number;
  deals: number;
  spend: MonthAmount[];
  revenue: MonthAmount[];
}

const div = (a: bigint, b: number) =>
  b > 0 ? Number((a + BigInt(Math.floor(b / 2))) / BigInt(b)) : null;

/**
 * Marketing ROI for a period of local days, per lead source and complex: spend (expenses that
 * name a source), leads that came in (archived ones left out), contracts signed for leads of
 * that source (the complex of the flat sold), revenue (their prices), and cost per lead and per
 * sale — per currency, and in one currency at the months' rates when `convertTo` is given.
 */
export async function marketingRoi(
  db: Pick<Db, "expense" | "lead" | "complex" | "currencyRate">,
  reader: SqlReader,
  query: { from: string; to: string; complexId?: number; convertTo?: TCurrency },
): Promise<TRoi> {
  const start = localDayStart(query.from);
  const end = new Date(localDayStart(query.to).getTime() + DAY);
  const signedMonth = localPeriodSql(
    reader.provider,
    'c."signedAt"',
    "month",
    TASHKENT_OFFSET_MINUTES,
  );
  const [spend, leads, deals] = await Promise.all([
    db.expense.groupBy({
      by: ["source", "complexId", "currency", "spentOn"],
      where: {
        voidedAt: null,
        source: { not: null },
        spentOn: { gte: query.from, lte: query.to },
        ...(query.complexId ? { complexId: query.complexId } : {}),
      },
      _sum: { amount: true },
    }),
    db.lead.groupBy({
      by: ["source", "complexId"],
      where: {
        archivedAt: null,
        createdAt: { gte: start, lt: end },
        ...(query.complexId ? { complexId: query.complexId } : {}),
      },
      _count: { _all: true },
    }),
    reader.all(Prisma.sql`
      SELECT l."source", a."complexId", c."currency", ${signedMonth} AS "month",
             COUNT(*) AS "deals", SUM(c."price") AS "revenue"
      FROM "Contract" c
      JOIN "Lead" l ON l."id" = c."leadId"
      JOIN "Apartment" a ON a."id" = c."apartmentId"
      WHERE c."status" = 'SIGNED' AND c."signedAt" >= ${start} AND c."signedAt" < ${end}
        ${query.complexId ? Prisma.sql`AND a."complexId" = ${query.complexId}` : Prisma.empty}
      GROUP BY 1, 2, 3, 4`),
  ]);

  const rows = new Map<string, Row>();
  const row = (source: LeadSource, complexId: number | null) => {
    const key = `${source}|${complexId ?? ""}`;
    let found = rows.get(key);
    if (!found) {
      found = { source, complexId, leads: 0, deals: 0, spend: [], revenue: [] };
      rows.set(key, found);
    }
    return found;
  };
  for (const s of spend)
    row(s.source!, s.complexId).spend.push({
      month: s.spentOn.slice(0, 7),
      currency: s.currency,
      amount: s._sum.amount ?? 0n,
    });
  for (const l of leads) row(l.source, l.complexId).leads += l._count._all;
  for (const d of deals) {
    const target = row(d.source as LeadSource, int(d.complexId));
    target.deals += int(d.deals);
    target.revenue.push({
      month: String(d.month),
      currency: d.currency as TCurrency,
      amount: BigInt(String(d.revenue)),
    });
  }
  const names = new Map(
    (
      await db.complex.findMany({
        where: {
          id: { in: [...rows.values()].flatMap((r) => (r.complexId ? [r.complexId] : [])) },
        },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name]),
  );

  const out: TRoi["rows"] = [];
  for (const r of rows.values()) {
    const currencies = [...new Set([...r.spend, ...r.revenue].map((m) => m.currency))].sort(
      byCurrency,
    );
    const sum = (list: MonthAmount[], currency: TCurrency) =>
      list.filter((m) => m.currency === currency).reduce((acc, m) => acc + BigInt(m.amount), 0n);
    let converted: TRoi["rows"][number]["converted"] = null;
    if (query.convertTo) {
      const spendIn = await convert(db, r.spend, query.convertTo);
      const revenueIn = await convert(db, r.revenue, query.convertTo);
      converted = {
        spend: spendIn,
        revenue: revenueIn,
        costPerLead: spendIn.amount === null ? null : div(BigInt(spendIn.amount), r.leads),
        costPerSale: spendIn.amount === null ? null : div(BigInt(spendIn.amount), r.deals),
      };
    }
    out.push({
      source: r.source,
      complex: r.complexId ? { id: r.complexId, name: names.get(r.complexId) ?? "" } : null,
      leads: r.leads,
      deals: r.deals,
      money: currencies.map((currency) => {
        const spent = sum(r.spend, currency);
        return {
          currency,
          spend: Number(spent),
          revenue: Number(sum(r.revenue, currency)),
          costPerLead: spent > 0n ? div(spent, r.leads) : null,
          costPerSale: spent > 0n ? div(spent, r.deals) : null,
        };
      }),
      converted,
    });
  }
  out.sort(
    (a, b) =>
      a.source.localeCompare(b.source) ||
      (a.complex?.name ?? "").localeCompare(b.complex?.name ?? ""),
  );
  return { from: query.from, to: query.to, rows: out };
}
