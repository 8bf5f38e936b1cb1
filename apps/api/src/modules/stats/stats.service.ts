import type { TLeadStats, TPeriodStats, ZPeriodStatsQuery, ZStatsQuery } from "@crm/contracts";
import { Prisma, type Db, type DbProvider, type LeadSource, type LeadStatus } from "@crm/db";
import type { z } from "zod";
import { ownerScope, type Actor } from "../../lib/actor";

const STATUSES: LeadStatus[] = ["NEW", "IN_PROGRESS", "MEETING", "BOOKED", "SOLD", "LOST"];
const rate = (sold: number, total: number) => (total === 0 ? 0 : sold / total);

function statsWhere(actor: Actor, query: z.output<typeof ZStatsQuery>): Prisma.LeadWhereInput {
  return {
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    ...ownerScope(actor), // a seller's own figures, whatever ownerId says
    ...(query.complexId ? { complexId: query.complexId } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(query.from) } : {}),
            ...(query.to ? { lt: new Date(query.to) } : {}),
          },
        }
      : {}),
  };
}

/** Folds (key, status, count) groups from the database into total / sold per key. */
function fold<K>(groups: { key: K; status: LeadStatus; count: number }[]) {
  const byKey = new Map<K, { total: number; sold: number }>();
  for (const group of groups) {
    const row = byKey.get(group.key) ?? { total: 0, sold: 0 };
    row.total += group.count;
    if (group.status === "SOLD") row.sold += group.count;
    byKey.set(group.key, row);
  }
  return [...byKey.entries()]
    .map(([key, row]) => ({ key, ...row, conversionRate: rate(row.sold, row.total) }))
    .sort((a, b) => b.total - a.total);
}

/**
 * Every figure comes from a GROUP BY in the database (one query per breakdown); JavaScript only
 * folds the few resulting groups, never the leads themselves.
 */
export async function leadStats(
  db: Db,
  actor: Actor,
  query: z.output<typeof ZStatsQuery>,
): Promise<TLeadStats> {
  const where = statsWhere(actor, query);
  const [byStatus, byOwner, bySource, byComplex] = await Promise.all([
    db.lead.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.lead.groupBy({ by: ["ownerId", "status"], where, _count: { _all: true } }),
    db.lead.groupBy({ by: ["source", "status"], where, _count: { _all: true } }),
    db.lead.groupBy({ by: ["complexId", "status"], where, _count: { _all: true } }),
  ]);
  const counts = new Map(byStatus.map((group) => [group.status, group._count._all]));
  const total = byStatus.reduce((sum, group) => sum + group._count._all, 0);
  const sold = counts.get("SOLD") ?? 0;

  const sellers = fold(
    byOwner.map((g) => ({ key: g.ownerId, status: g.status, count: g._count._all })),
  );
  const complexes = fold(
    byComplex.map((g) => ({ key: g.complexId, status: g.status, count: g._count._all })),
  );
  const [users, complexRows] = await Promise.all([
    db.user.findMany({
      where: { id: { in: sellers.flatMap((row) => (row.key === null ? [] : [row.key])) } },
      select: { id: true, firstName: true, lastName: true },
    }),
    db.complex.findMany({
      where: { id: { in: complexes.flatMap((row) => (row.key === null ? [] : [row.key])) } },
      select: { id: true, name: true },
    }),
  ]);
  const userName = new Map(
    users.map((user) => [user.id, `${user.firstName} ${user.lastName}`.trim()]),
  );
  const complexName = new Map(complexRows.map((complex) => [complex.id, complex.name]));

  return {
    total,
    sold,
    conversionRate: rate(sold, total),
    funnel: STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    bySeller: sellers.map(({ key, ...row }) => ({
      ownerId: key,
      name: key === null ? null : (userName.get(key) ?? null),
      ...row,
    })),
    bySource: fold(
      bySource.map((g) => ({ key: g.source, status: g.status, count: g._count._all })),
    ).map(({ key, ...row }) => ({ source: key as LeadSource, ...row })),
    byComplex: complexes.map(({ key, ...row }) => ({
      complexId: key,
      name: key === null ? null : (complexName.get(key) ?? null),
      ...row,
    })),
  };
}

/** The period bucket of "createdAt" shifted to local time, per database dialect. */
function bucketSql(provider: DbProvider, period: "day" | "week" | "month", offsetMinutes: number) {
  const minutes = Math.trunc(offsetMinutes);
  if (provider === "sqlite") {
    const local = Prisma.raw(
      `datetime("createdAt", '${minutes >= 0 ? "+" : ""}${minutes} minutes')`,
    );
    if (period === "day") return Prisma.sql`date(${local})`;
    if (period === "week") return Prisma.sql`date(${local}, 'weekday 0', '-6 days')`;
    return Prisma.sql`strftime('%Y-%m', ${local})`;
  }
  const local = Prisma.raw(`("createdAt" + interval '${minutes} minutes')`);
  if (period === "day") return Prisma.sql`to_char(${local}, 'YYYY-MM-DD')`;
  if (period === "week") return Prisma.sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
  return Prisma.sql`to_char(${local}, 'YYYY-MM')`;
}

/** New and sold leads per period, in one GROUP BY; the SQL differs only in the bucket expression. */
export async function periodStats(
  db: Db,
  provider: DbProvider,
  actor: Actor,
  query: z.output<typeof ZPeriodStatsQuery>,
): Promise<TPeriodStats> {
  const bucket = bucketSql(provider, query.period, query.tzOffset);
  const ownerId = ownerScope(actor).ownerId ?? query.ownerId;
  const conditions: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (ownerId) conditions.push(Prisma.sql`"ownerId" = ${ownerId}`);
  if (query.complexId) conditions.push(Prisma.sql`"complexId" = ${query.complexId}`);
  // Dates are bound as Date objects so each adapter encodes them the way it stores them.
  if (query.from) conditions.push(Prisma.sql`"createdAt" >= ${new Date(query.from)}`);
  if (query.to) conditions.push(Prisma.sql`"createdAt" < ${new Date(query.to)}`);
  const rows = await db.$queryRaw<
    { period: string; total: bigint | number; sold: bigint | number }[]
  >`
    SELECT ${bucket} AS period,
           COUNT(*) AS total,
           SUM(CASE WHEN "status" = 'SOLD' THEN 1 ELSE 0 END) AS sold
    FROM "Lead"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY 1
    ORDER BY 1`;
  return {
    period: query.period,
    items: rows.map((row) => {
      const total = Number(row.total);
      const sold = Number(row.sold ?? 0);
      return { period: String(row.period), total, sold, conversionRate: rate(sold, total) };
    }),
  };
}
