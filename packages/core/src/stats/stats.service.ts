import type { TLeadStats, TPeriodStats, ZPeriodStatsQuery, ZStatsQuery } from "@crm/contracts";
import {
  dbProvider,
  Prisma,
  type Db,
  type LeadSource,
  type LeadStatus,
  type SqlReader,
} from "@crm/db";
import { localPeriodSql } from "../local-time";
import { int, intOrNull } from "../sql";
import type { z } from "zod";
import { ownerScope, type Actor } from "../access";

const STATUSES: LeadStatus[] = ["NEW", "IN_PROGRESS", "MEETING", "BOOKED", "SOLD", "LOST"];
const rate = (sold: number, total: number) => (total === 0 ? 0 : sold / total);

/** Whose leads and which complex the numbers cover: a seller is always held to their own. */
function statsScope(actor: Actor, query: z.output<typeof ZStatsQuery>) {
  return { ownerId: ownerScope(actor).ownerId ?? query.ownerId, complexId: query.complexId };
}

/** Conditions shared by both statistics queries on the leads themselves. */
function statsConditions(actor: Actor, query: z.output<typeof ZStatsQuery>): Prisma.Sql[] {
  // Archived leads are out of the numbers, as they are out of the lists.
  const conditions: Prisma.Sql[] = [Prisma.sql`"archivedAt" IS NULL`];
  const { ownerId, complexId } = statsScope(actor, query);
  if (ownerId) conditions.push(Prisma.sql`"ownerId" = ${ownerId}`);
  if (complexId) conditions.push(Prisma.sql`"complexId" = ${complexId}`);
  // Dates are bound as Date objects so each driver encodes them the way Prisma stores them.
  if (query.from) conditions.push(Prisma.sql`"createdAt" >= ${new Date(query.from)}`);
  if (query.to) conditions.push(Prisma.sql`"createdAt" < ${new Date(query.to)}`);
  return conditions;
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

/** Folds (key, status, count) groups into total / sold per key, largest first. */
function fold<K>(groups: { key: K; status: LeadStatus; count: number }[]) {
  const byKey = new Map<K, { total: number; sold: number }>();
  for (const group of groups) {
    const row = byKey.get(group.key) ?? { total: 0, sold: 0 };
    row.total += group.count;
    if (group.status === "SOLD") row.sold += group.count;
    byKey.set(group.key, row);
  }
  return (
    [...byKey.entries()]
      .map(([key, row]) => ({ key, ...row, conversionRate: rate(row.sold, row.total) }))
      // Largest first; equal rows in a fixed order, whichever order the groups were read in.
      .sort(
        (a, b) =>
          b.total - a.total || b.sold - a.sold || String(a.key).localeCompare(String(b.key)),
      )
  );
}

/**
 * Live leads per (status, owner, source, complex). Without a date range these are the rows of
 * "LeadCount", which triggers keep in step with every write to "Lead" (migration lead_counts), plus
 * the changes not folded into them yet ("LeadCountDelta", see foldLeadCounts): a few hundred rows
 * whatever the number of leads. A date range counts the leads themselves.
 */
function statsGroups(
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZStatsQuery>,
): Promise<Record<string, unknown>[]> {
  if (query.from || query.to) {
    return reader.all(Prisma.sql`
      SELECT "status", "ownerId", "source", "complexId", COUNT(*) AS "n"
      FROM "Lead" ${where(statsConditions(actor, query))}
      GROUP BY "status", "ownerId", "source", "complexId"`);
  }
  const conditions: Prisma.Sql[] = [];
  const { ownerId, complexId } = statsScope(actor, query);
  if (ownerId) conditions.push(Prisma.sql`"ownerKey" = ${ownerId}`);
  if (complexId) conditions.push(Prisma.sql`"complexKey" = ${complexId}`);
  const counts = (table: string) => Prisma.sql`
    SELECT "status", "ownerKey", "source", "complexKey", "n"
    FROM ${Prisma.raw(`"${table}"`)} ${where(conditions)}`;
  return reader.all(Prisma.sql`
    SELECT "status", NULLIF("ownerKey", 0) AS "ownerId", "source",
           NULLIF("complexKey", 0) AS "complexId", SUM("n") AS "n"
    FROM (${counts("LeadCount")} UNION ALL ${counts("LeadCountDelta")}) AS "c"
    GROUP BY "status", "ownerKey", "source", "complexKey"
    HAVING SUM("n") > 0`);
}

/**
 * Adds the count changes the triggers appended ("LeadCountDelta") into "LeadCount", in one
 * transaction, and returns how many it moved. Only PostgreSQL appends (see the schema); on SQLite
 * there is nothing to fold. One fold runs at a time: a second caller returns 0 at once.
 */
export async function foldLeadCounts(db: Db): Promise<number> {
  if (dbProvider(db) !== "postgres") return 0;
  const [row] = await db.$queryRaw<{ moved: number }[]>`SELECT "lead_count_fold"() AS "moved"`;
  return Number(row?.moved ?? 0);
}

/**
 * One GROUP BY (status, owner, source, complex) over a covering index gives the funnel and every
 * breakdown: a single pass over the leads in the database. JavaScript only folds the few
 * thousand groups at most, never the leads themselves.
 */
export async function leadStats(
  db: Db,
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZStatsQuery>,
): Promise<TLeadStats> {
  const rows = await statsGroups(reader, actor, query);
  const groups = rows.map((row) => ({
    status: row.status as LeadStatus,
    ownerId: intOrNull(row.ownerId),
    source: row.source as LeadSource,
    complexId: intOrNull(row.complexId),
    count: int(row.n),
  }));
  const funnel = fold(groups.map((g) => ({ key: g.status, status: g.status, count: g.count })));
  const total = funnel.reduce((sum, row) => sum + row.total, 0);
  const sold = funnel.find((row) => row.key === "SOLD")?.total ?? 0;
  const sellers = fold(groups.map((g) => ({ key: g.ownerId, status: g.status, count: g.count })));
  const complexes = fold(
    groups.map((g) => ({ key: g.complexId, status: g.status, count: g.count })),
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
    funnel: STATUSES.map((status) => ({
      status,
      count: funnel.find((row) => row.key === status)?.total ?? 0,
    })),
    bySeller: sellers.map(({ key, ...row }) => ({
      ownerId: key,
      name: key === null ? null : (userName.get(key) ?? null),
      ...row,
    })),
    bySource: fold(groups.map((g) => ({ key: g.source, status: g.status, count: g.count }))).map(
      ({ key, ...row }) => ({
        source: key,
        ...row,
      }),
    ),
    byComplex: complexes.map(({ key, ...row }) => ({
      complexId: key,
      name: key === null ? null : (complexName.get(key) ?? null),
      ...row,
    })),
  };
}

/** New and sold leads per period, in one GROUP BY; the SQL differs only in the bucket expression. */
export async function periodStats(
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZPeriodStatsQuery>,
): Promise<TPeriodStats> {
  const bucket = localPeriodSql(reader.provider, '"createdAt"', query.period, query.tzOffset);
  const rows = await reader.all<{ period: string; total: unknown; sold: unknown }>(Prisma.sql`
    SELECT ${bucket} AS "period",
           COUNT(*) AS "total",
           SUM(CASE WHEN "status" = 'SOLD' THEN 1 ELSE 0 END) AS "sold"
    FROM "Lead" ${where(statsConditions(actor, query))}
    GROUP BY 1
    ORDER BY 1`);
  return {
    period: query.period,
    items: rows.map((row) => {
      const total = int(row.total);
      const sold = int(row.sold ?? 0);
      return { period: String(row.period), total, sold, conversionRate: rate(sold, total) };
    }),
  };
}
