import type { TAmounts, TDashboard, TSystemDashboard } from "@crm/contracts";
import {
  Prisma,
  type Currency,
  type Db,
  type LeadSource,
  type LeadStatus,
  type SqlReader,
} from "@crm/db";
import type { Actor } from "../access";
import { callbacksWhere } from "../activity/activity.service";
import { dealsWhere } from "../deals/deals";
import { overdueWhere } from "../deals/payments";
import { planVsFact } from "../expenses/budgets";
import { addTo, byCurrency, type Totals } from "../expenses/currency";
import { marketingRoi } from "../expenses/roi";
import { expectedVsReceived } from "../finance/payments-register";
import { countLeads } from "../leads/leads.service";
import { localDay, localDayKey, localMonth, localMonthKey } from "../local-time";
import { readSettings } from "../settings/settings";
import { intOrNull } from "../sql";
import { leadStats } from "../stats/stats.service";

/**
 * The dashboards. Every figure is counted with the rule of the list it links to (the leads
 * count, the callbacks, deals and overdue filters), so a number and its list never disagree.
 * Everything is an indexed COUNT / SUM / GROUP BY; no rows are loaded to be counted.
 */
const DAY = 86_400_000;
/** Leads the team still works on: what can be "stuck". */
export const OPEN_STATUSES = ["NEW", "IN_PROGRESS", "MEETING"] as const satisfies LeadStatus[];
const RESPONSE_WINDOW_DAYS = 30;

type Section = "seller" | "team" | "sales" | "spend" | "money" | "system";

export const SECTIONS: Record<Actor["role"], readonly Section[]> = {
  SELLER: ["seller"],
  MOP: ["team"],
  ROP: ["sales", "spend", "team"],
  FINANCIER: ["money"],
  ADMIN: ["team", "sales", "spend", "money", "system"],
};

const sumsByCurrency = (
  rows: { currency: Currency; _sum: { amount?: bigint | null; paidAmount?: bigint | null } }[],
): TAmounts =>
  rows
    .map((row) => ({
      currency: row.currency,
      amount: Number((row._sum.amount ?? 0n) - (row._sum.paidAmount ?? 0n)),
    }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

export interface DashboardOptions {
  now?: Date;
  /** Database, Redis and job status, which only the API process can see. */
  system?: () => Promise<TSystemDashboard>;
}

export async function dashboard(
  db: Db,
  reader: SqlReader,
  actor: Actor,
  options: DashboardOptions = {},
): Promise<TDashboard> {
  const now = options.now ?? new Date();
  const sections = SECTIONS[actor.role];
  const result: TDashboard = { role: actor.role };
  const has = (section: Section) => sections.includes(section);
  await Promise.all([
    has("seller") && sellerSection(db, reader, actor, now).then((s) => (result.seller = s)),
    has("team") && teamSection(db, reader, actor, now).then((s) => (result.team = s)),
    has("sales") && salesSection(db, actor, now).then((s) => (result.sales = s)),
    has("spend") && spendSection(db, reader, now).then((s) => (result.spend = s)),
    has("money") && moneySection(db, actor, now).then((s) => (result.money = s)),
    has("system") && options.system?.().then((s) => (result.system = s)),
  ]);
  return result;
}

async function sellerSection(db: Db, reader: SqlReader, actor: Actor, now: Date) {
  const callbacks = (bucket: "today" | "overdue") =>
    db.callback.count({
      where: callbacksWhere(actor, { bucket, scope: "mine", tzOffset: 300 }, now),
    });
  const deals = (status: "DRAFT" | "SIGNED") =>
    db.contract.count({ where: dealsWhere({ ...actor, role: "SELLER" }, { status }) });
  const [stats, today, overdue, holds, draft, signed] = await Promise.all([
    leadStats(db, reader, { ...actor, role: "SELLER" }, {}),
    callbacks("today"),
    callbacks("overdue"),
    db.apartment.findMany({
      where: { status: "BOOKED", bookedLead: { ownerId: actor.id, archivedAt: null } },
      orderBy: [{ bookedUntil: "asc" }, { id: "asc" }],
      take: 20,
      select: {
        id: true,
        number: true,
        complexId: true,
        bookedUntil: true,
        complex: { select: { name: true } },
        bookedLead: { select: { id: true, fullName: true } },
      },
    }),
    deals("DRAFT"),
    deals("SIGNED"),
  ]);
  return {
    leadsByStatus: stats.funnel,
    callbacks: { today, overdue },
    holds: holds.flatMap((flat) =>
      flat.bookedLead
        ? [
            {
              flatId: flat.id,
              complexId: flat.complexId,
              complexName: flat.complex.name,
              number: flat.number,
              leadId: flat.bookedLead.id,
              leadName: flat.bookedLead.fullName,
              bookedUntil: flat.bookedUntil?.toISOString() ?? null,
            },
          ]
        : [],
    ),
    deals: { draft, signed },
  };
}

async function teamSection(db: Db, reader: SqlReader, actor: Actor, now: Date) {
  const { "dashboard.stuckLeadDays": days } = await readSettings(db, ["dashboard.stuckLeadDays"]);
  const [stats, stuck, unassigned, sellers, overdueCalls, response] = await Promise.all([
    leadStats(db, reader, actor, {}),
    countLeads(reader, actor, { status: [...OPEN_STATUSES], idleDays: days, archived: "exclude" }),
    countLeads(reader, actor, { ownerId: "none", archived: "exclude" }),
    db.user.findMany({
      where: { isActive: true, role: { code: { in: ["SELLER", "MOP"] } } },
      select: { id: true, firstName: true, lastName: true, login: true },
      orderBy: { id: "asc" },
    }),
    db.callback.groupBy({
      by: ["userId"],
      where: callbacksWhere(actor, { bucket: "overdue", scope: "team", tzOffset: 300 }, now),
      _count: { _all: true },
    }),
    responseMinutes(reader, new Date(now.getTime() - RESPONSE_WINDOW_DAYS * DAY)),
  ]);
  const overdueBy = new Map(overdueCalls.map((row) => [row.userId, row._count._all]));
  // Everyone who sells, and anyone else still holding leads or late calls.
  const ids = new Set<number>(sellers.map((user) => user.id));
  for (const row of stats.bySeller) if (row.ownerId !== null) ids.add(row.ownerId);
  for (const userId of overdueBy.keys()) ids.add(userId);
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, firstName: true, lastName: true, login: true },
      })
    ).map((user) => [user.id, `${user.firstName} ${user.lastName}`.trim() || user.login]),
  );
  return {
    funnel: stats.funnel,
    stuck: { days, statuses: [...OPEN_STATUSES], count: stuck.total },
    unassigned: unassigned.total,
    sellers: [...ids]
      .map((id) => {
        const row = stats.bySeller.find((seller) => seller.ownerId === id);
        return {
          id,
          name: names.get(id) ?? `#${id}`,
          leads: row?.total ?? 0,
          sold: row?.sold ?? 0,
          conversionRate: row?.conversionRate ?? 0,
          responseMinutes: response.get(id) ?? null,
          overdueCallbacks: overdueBy.get(id) ?? 0,
        };
      })
      .sort((a, b) => b.leads - a.leads || a.id - b.id),
  };
}

/**
 * Average minutes from arrival to the first comment per owner, over recent leads: the leads of
 * the window come from the createdAt index, each first comment from (leadId, createdAt).
 */
async function responseMinutes(reader: SqlReader, since: Date): Promise<Map<number, number>> {
  const first = Prisma.sql`(SELECT MIN(c."createdAt") FROM "Comment" c WHERE c."leadId" = l."id")`;
  const minutes =
    reader.provider === "sqlite"
      ? Prisma.sql`(julianday(t."firstAt") - julianday(t."createdAt")) * 1440.0`
      : Prisma.sql`EXTRACT(EPOCH FROM (t."firstAt" - t."createdAt")) / 60.0`;
  const rows = await reader.all<{ ownerId: unknown; minutes: unknown }>(Prisma.sql`
    SELECT t."ownerId" AS "ownerId", AVG(${minutes}) AS "minutes"
    FROM (SELECT l."ownerId", l."createdAt", ${first} AS "firstAt"
          FROM "Lead" l
          WHERE l."createdAt" >= ${since} AND l."archivedAt" IS NULL AND l."ownerId" IS NOT NULL) t
    WHERE t."firstAt" IS NOT NULL
    GROUP BY t."ownerId"`);
  const result = new Map<number, number>();
  for (const row of rows) {
    const ownerId = intOrNull(row.ownerId);
    if (ownerId !== null && row.minutes !== null) {
      result.set(ownerId, Math.max(0, Math.round(Number(row.minutes))));
    }
  }
  return result;
}

async function salesSection(db: Db, actor: Actor, now: Date) {
  const month = async (key: string) => {
    const rows = await db.contract.groupBy({
      by: ["currency"],
      where: dealsWhere(actor, { signedMonth: key }),
      _count: { _all: true },
      _sum: { price: true },
    });
    return {
      month: key,
      count: rows.reduce((sum, row) => sum + row._count._all, 0),
      amounts: sumsByCurrency(
        rows.map((row) => ({ currency: row.currency, _sum: { amount: row._sum.price } })),
      ),
    };
  };
  const [thisMonth, lastMonth, pendingApprovals] = await Promise.all([
    month(localMonthKey(now)),
    month(localMonthKey(now, -1)),
    db.contract.count({ where: dealsWhere(actor, { approval: "PENDING" }) }),
  ]);
  return { thisMonth, lastMonth, pendingApprovals };
}

/**
 * The month's budgets against spending and marketing ROI per source, with the rules of the
 * budgets and ROI tabs (planVsFact, marketingRoi) over the same period, so the figures agree.
 */
async function spendSection(db: Db, reader: SqlReader, now: Date) {
  const month = localMonthKey(now);
  const from = `${month}-01`;
  const to = localDayKey(new Date(localMonth(month).end.getTime() - DAY));
  const [plan, roi] = await Promise.all([
    planVsFact(db, { from: month, to: month }),
    marketingRoi(db, reader, { from, to }),
  ]);
  const sources = new Map<
    LeadSource,
    { leads: number; deals: number; spend: Totals; revenue: Totals }
  >();
  for (const row of roi.rows) {
    const entry = sources.get(row.source) ?? {
      leads: 0,
      deals: 0,
      spend: new Map(),
      revenue: new Map(),
    };
    entry.leads += row.leads;
    entry.deals += row.deals;
    for (const money of row.money) {
      addTo(entry.spend, money.currency, money.spend);
      addTo(entry.revenue, money.currency, money.revenue);
    }
    sources.set(row.source, entry);
  }
  return {
    month,
    budget: { totals: plan.totals, byCategory: plan.byCategory },
    roi: {
      from,
      to,
      sources: [...sources.entries()].map(([source, entry]) => ({
        source,
        leads: entry.leads,
        deals: entry.deals,
        money: [...new Set([...entry.spend.keys(), ...entry.revenue.keys()])]
          .sort(byCurrency)
          .map((currency) => ({
            currency,
            spend: Number(entry.spend.get(currency) ?? 0n),
            revenue: Number(entry.revenue.get(currency) ?? 0n),
          })),
      })),
    },
  };
}

async function moneySection(db: Db, actor: Actor, now: Date) {
  const received = async (from: Date, to: Date) => {
    const rows = await db.paymentReceipt.groupBy({
      by: ["currency"],
      where: { reversedAt: null, paidAt: { gte: from, lt: to } },
      _sum: { amount: true },
    });
    return sumsByCurrency(rows);
  };
  const today = localDay(now);
  const month = localMonthKey(now);
  const live = {
    OR: [{ contractId: null }, { contract: { status: { not: "CANCELLED" as const } } }],
  };
  const weeks = Array.from({ length: 4 }, (_, i) => ({
    from: new Date(today.start.getTime() + i * 7 * DAY),
    to: new Date(today.start.getTime() + (i + 1) * 7 * DAY),
  }));
  const day = (instant: Date) =>
    new Date(instant.getTime() + 300 * 60_000).toISOString().slice(0, 10);
  const [receivedToday, plan, overdueCount, overdueSums, nextWeeks, pending] = await Promise.all([
    received(today.start, today.end),
    expectedVsReceived(db, month, now),
    db.payment.count({ where: overdueWhere(now) }),
    db.payment.groupBy({
      by: ["currency"],
      where: overdueWhere(now),
      _sum: { amount: true, paidAmount: true },
    }),
    Promise.all(
      weeks.map(async (week) => {
        const rows = await db.payment.groupBy({
          by: ["currency"],
          where: { status: { not: "PAID" }, dueDate: { gte: week.from, lt: week.to }, ...live },
          _sum: { amount: true, paidAmount: true },
        });
        return {
          from: day(week.from),
          to: day(new Date(week.to.getTime() - DAY)),
          amounts: sumsByCurrency(rows),
        };
      }),
    ),
    db.contract.count({ where: dealsWhere(actor, { approval: "PENDING" }) }),
  ]);
  const due = plan.items.filter((item) => item.expected !== 0);
  return {
    today: localDayKey(now),
    month,
    receivedToday,
    receivedThisMonth: plan.items
      .filter((item) => item.received !== 0)
      .map((item) => ({ currency: item.currency, amount: item.received })),
    expectedThisMonth: due.map((item) => ({ currency: item.currency, amount: item.expected })),
    paidOfExpected: due.map((item) => ({ currency: item.currency, amount: item.paidOfExpected })),
    overdue: { count: overdueCount, amounts: sumsByCurrency(overdueSums) },
    nextWeeks,
    pendingApprovals: pending,
  };
}
