import type { TLeadFilters } from "@crm/contracts";
import { normalizePhone } from "@crm/contracts";
import { Prisma, type Currency, type LeadSource, type LeadStatus, type SqlReader } from "@crm/db";
import {
  bigOrNull,
  enumList,
  enumValue,
  int,
  intOrNull,
  isoInstant,
  isoInstantOrNull,
  likeContains,
} from "../sql";

/**
 * The lead list and count — the hottest reads, at a million rows — in hand-written SQL, one
 * statement each, the same text on SQLite and PostgreSQL but for enum casts. Everything else
 * about leads goes through Prisma.
 */
export interface LeadListRow {
  id: number;
  fullName: string;
  phone: string;
  region: string | null;
  source: LeadSource;
  status: LeadStatus;
  lostReason: string | null;
  ownerId: number | null;
  complexId: number | null;
  apartmentId: number | null;
  budget: bigint | null;
  budgetCurrency: Currency | null;
  note: string | null;
  /** Timestamps as ISO-8601 UTC text, as the contract carries them (see `isoInstant`). */
  statusChangedAt: string;
  lastActivityAt: string | null;
  nextCallbackAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  owner: { id: number; firstName: string; lastName: string } | null;
}

export type LeadSort = "createdAt" | "updatedAt" | "fullName";

export interface LeadPageQuery {
  /** Set for a seller: only their own leads, whatever the filters say. */
  scopeOwnerId?: number;
  filters: TLeadFilters;
  sort: LeadSort;
  order: "asc" | "desc";
  limit: number;
  after?: { value: string | Date; id: number };
  /** Rows a text search looks through first (see NEWEST_WINDOW; 0: straight to the index). */
  newestWindow?: number;
}

// Column references are built once: each Prisma.raw is an object the hot list would otherwise
// make a dozen times per request.
const columns = new Map<string, Prisma.Sql>();
const col = (name: string) => {
  let sql = columns.get(name);
  if (!sql) columns.set(name, (sql = Prisma.raw(`l."${name}"`)));
  return sql;
};

export async function filterSql(
  reader: SqlReader,
  scopeOwnerId: number | undefined,
  filters: TLeadFilters,
  purpose: "page" | "count",
): Promise<Prisma.Sql[]> {
  const provider = reader.provider;
  const where: Prisma.Sql[] = [];
  if (filters.archived === "exclude") where.push(Prisma.sql`${col("archivedAt")} IS NULL`);
  else if (filters.archived === "only") where.push(Prisma.sql`${col("archivedAt")} IS NOT NULL`);
  if (scopeOwnerId !== undefined) where.push(Prisma.sql`${col("ownerId")} = ${scopeOwnerId}`);
  else if (filters.ownerId === "none") where.push(Prisma.sql`${col("ownerId")} IS NULL`);
  else if (filters.ownerId !== undefined)
    where.push(Prisma.sql`${col("ownerId")} = ${filters.ownerId}`);
  if (filters.status)
    where.push(
      Prisma.sql`${col("status")} IN (${enumList(provider, "LeadStatus", filters.status)})`,
    );
  if (filters.source)
    where.push(
      Prisma.sql`${col("source")} IN (${enumList(provider, "LeadSource", filters.source)})`,
    );
  if (filters.ids) where.push(Prisma.sql`${col("id")} IN (${Prisma.join(filters.ids)})`);
  if (filters.budgetCurrency)
    where.push(
      Prisma.sql`${col("budgetCurrency")} = ${enumValue(provider, "Currency", filters.budgetCurrency)}`,
    );
  if (filters.budgetMin !== undefined)
    where.push(Prisma.sql`${col("budget")} >= ${filters.budgetMin}`);
  if (filters.budgetMax !== undefined)
    where.push(Prisma.sql`${col("budget")} <= ${filters.budgetMax}`);
  if (filters.region) where.push(Prisma.sql`${col("region")} = ${filters.region}`);
  if (filters.complexId) where.push(Prisma.sql`${col("complexId")} = ${filters.complexId}`);
  if (filters.createdFrom)
    where.push(Prisma.sql`${col("createdAt")} >= ${new Date(filters.createdFrom)}`);
  if (filters.createdTo)
    where.push(Prisma.sql`${col("createdAt")} < ${new Date(filters.createdTo)}`);
  if (filters.idleDays) {
    const since = new Date(Date.now() - filters.idleDays * 86_400_000);
    where.push(Prisma.sql`${col("updatedAt")} < ${since}`);
    where.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "Comment" c WHERE c."leadId" = l."id" AND c."createdAt" >= ${since})`,
    );
    where.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "Callback" b WHERE b."leadId" = l."id" AND (b."createdAt" >= ${since} OR b."doneAt" >= ${since}))`,
    );
  }
  if (filters.q) {
    const term = searchTerm(filters.q);
    // A whole number (the usual case: a caller's number) hits the unique phone index.
    if (term.text === undefined) where.push(Prisma.sql`${col("phone")} = ${term.phone}`);
    else where.push(await textSearchSql(reader, term.text, purpose));
  }
  return where;
}

/**
 * What a search box's text means: a whole phone number (matched exactly), or a piece of a name
 * or of a number, matched as "contains" on the lower-cased name + phone digits.
 */
function searchTerm(
  q: string,
): { phone: string; text?: undefined } | { phone?: undefined; text: string } {
  const digits = q.replace(/\D/g, "");
  const isPhone = /^[+\d\s()-]+$/.test(q) && digits.length >= 3;
  const phone = isPhone && digits.length >= 9 ? normalizePhone(q) : null;
  return phone ? { phone } : { text: isPhone ? digits : q.toLowerCase() };
}

/** Rows a text search first looks through, newest first, before it asks an index. */
const NEWEST_WINDOW = 10_000;

interface NewestWindow {
  text: string;
  size: number;
  after: LeadPageQuery["after"];
}

/**
 * A text search on the default order (newest first, archived left out) first looks at the next
 * NEWEST_WINDOW rows in that order on the (archivedAt, createdAt, id, searchText) index, reading
 * no table row: a common term fills its page there in a few milliseconds, where asking the
 * trigram index first costs more (its lists for common trigrams are long). Null: the query is
 * not one (other orders, archived leads, a phone number).
 */
function newestWindow(query: LeadPageQuery): NewestWindow | null {
  const { filters, after, newestWindow: size = NEWEST_WINDOW } = query;
  if (!filters.q || filters.archived !== "exclude" || size <= 0) return null;
  if (query.sort !== "createdAt" || query.order !== "desc") return null;
  const term = searchTerm(filters.q);
  return term.text === undefined ? null : { text: term.text, size, after };
}

/** The window's rows, newest first (the inner "l" is the window's own table). */
const windowRows = ({ after }: NewestWindow, columns: Prisma.Sql) => Prisma.sql`
  SELECT ${columns} FROM "Lead" l WHERE l."archivedAt" IS NULL
  ${after ? Prisma.sql`AND ${keysetSql("createdAt", true, after)}` : Prisma.empty}
  ORDER BY l."createdAt" DESC, l."id" DESC`;

/**
 * The window's page, and where to go on from: the window is a prefix of the whole ordered list,
 * so a full page from it is the page, and a window with fewer rows than its size held every row
 * left. A page at least half full says matches are dense: the rest are just past the window's
 * last row, and a scan from there meets them soon. Otherwise (a rare term) null: the caller asks
 * the trigram index.
 */
async function windowPage(
  reader: SqlReader,
  base: Prisma.Sql[],
  window: NewestWindow,
  query: LeadPageQuery,
): Promise<LeadListRow[] | null> {
  // The page's matches, newest first: the scan of the window stops at a full page (both
  // databases read the window's order straight off the index, with no sort).
  const ids = Prisma.sql`${col("id")} IN (
    SELECT newest."id" FROM (${windowRows(window, Prisma.sql`l."id", l."createdAt", l."searchText"`)} LIMIT ${window.size}) AS newest
    WHERE newest."searchText" LIKE ${likeContains(window.text)} ESCAPE '\\'
    ORDER BY newest."createdAt" DESC, newest."id" DESC LIMIT ${query.limit})`;
  const rows = await selectPage(reader, [...base, ids], query);
  if (rows.length === query.limit) return rows;
  const [edge] = await reader.all(
    Prisma.sql`${windowRows(window, Prisma.sql`l."createdAt", l."id"`)} LIMIT 1 OFFSET ${window.size - 1}`,
  );
  if (!edge) return rows;
  if (rows.length * 2 < query.limit) return null;
  const rest = await selectPage(
    reader,
    [
      ...base,
      denseLikeSql(window.text),
      keysetSql("createdAt", true, { value: edge.createdAt as string | Date, id: int(edge.id) }),
    ],
    { ...query, limit: query.limit - rows.length },
  );
  return [...rows, ...rest];
}

/**
 * Keyset, written so both databases take a range on the (…, key, id) index:
 * key <= v AND (key < v OR id < last)   (mirrored for ascending order)
 */
function keysetSql(
  sort: LeadSort,
  desc: boolean,
  { value, id }: NonNullable<LeadPageQuery["after"]>,
): Prisma.Sql {
  const key = col(sort);
  return desc
    ? Prisma.sql`${key} <= ${value} AND (${key} < ${value} OR ${col("id")} < ${id})`
    : Prisma.sql`${key} >= ${value} AND (${key} > ${value} OR ${col("id")} > ${id})`;
}

const likeSql = (text: string) =>
  Prisma.sql`${col("searchText")} LIKE ${likeContains(text)} ESCAPE '\\'`;

/**
 * "Contains" for a term known to be dense (half a page or more in the newest window), written
 * so that no index can serve it: the scan newest-first meets the matches within a few hundred
 * rows. On a plain LIKE, PostgreSQL's planner now and then (one ANALYZE sample in three, at a
 * million leads) took the term for a rare one, read all its matches from the trigram index and
 * sorted them: 12–30 ms instead of 0.3.
 */
const denseLikeSql = (text: string) =>
  Prisma.sql`(${col("searchText")} || '') LIKE ${likeContains(text)} ESCAPE '\\'`;

/** Beyond this many matches a term is "common": newest-first scanning finds a page sooner. */
const RARE_TERM_LIMIT = 1000;

/**
 * "Contains" search on the lower-cased name + phone digits. PostgreSQL's planner picks between
 * its pg_trgm index and a newest-first scan by itself. SQLite does not, so the choice is made
 * here with the trigram FTS5 index "LeadSearch" (migration lead_text_search): a rare term's
 * matches (≤ RARE_TERM_LIMIT) come from the index and are then sorted; for a common term a
 * newest-first scan meets a page of matches within a few thousand rows. Counting always uses
 * the index. Terms under three characters or with LIKE wildcards are plain scans.
 */
async function textSearchSql(
  reader: SqlReader,
  term: string,
  purpose: "page" | "count",
): Promise<Prisma.Sql> {
  const like = likeSql(term);
  if (reader.provider !== "sqlite" || term.length < 3 || /[\\%_]/.test(term)) return like;
  const phrase = `"${term.replace(/"/g, '""')}"`;
  if (purpose === "count") {
    return Prisma.sql`${col("id")} IN (SELECT rowid FROM "LeadSearch" WHERE "LeadSearch" MATCH ${phrase})`;
  }
  const hits = await reader.all<{ rowid: number }>(
    Prisma.sql`SELECT rowid FROM "LeadSearch" WHERE "LeadSearch" MATCH ${phrase} LIMIT ${RARE_TERM_LIMIT + 1}`,
  );
  if (hits.length > RARE_TERM_LIMIT) return like;
  return Prisma.sql`${col("id")} IN (SELECT value FROM json_each(${JSON.stringify(hits.map((hit) => hit.rowid))}))`;
}

const whereClause = (parts: Prisma.Sql[]) =>
  parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;

export async function findLeadPage(
  reader: SqlReader,
  query: LeadPageQuery,
): Promise<LeadListRow[]> {
  const window = newestWindow(query);
  if (window) {
    const { q: _q, ...rest } = query.filters;
    const base = await filterSql(reader, query.scopeOwnerId, rest, "page");
    const rows = await windowPage(reader, base, window, query);
    if (rows) return rows;
  }
  const where = await filterSql(reader, query.scopeOwnerId, query.filters, "page");
  if (query.after) where.push(keysetSql(query.sort, query.order === "desc", query.after));
  return selectPage(reader, where, query);
}

/** One page of list rows under the given conditions, in the query's order. */
async function selectPage(
  reader: SqlReader,
  where: Prisma.Sql[],
  query: LeadPageQuery,
): Promise<LeadListRow[]> {
  const key = col(query.sort);
  const direction = Prisma.raw(query.order === "desc" ? "DESC" : "ASC");
  const rows = await reader.all(Prisma.sql`
    SELECT l."id", l."fullName", l."phone", l."region", l."source", l."status", l."lostReason",
           l."ownerId", l."complexId", l."apartmentId", l."budget", l."budgetCurrency", l."note",
           l."statusChangedAt", l."lastActivityAt", l."nextCallbackAt", l."archivedAt",
           l."createdAt", l."updatedAt",
           u."firstName" AS "ownerFirstName", u."lastName" AS "ownerLastName"
    FROM "Lead" l LEFT JOIN "User" u ON u."id" = l."ownerId"
    ${whereClause(where)}
    ORDER BY ${key} ${direction}, l."id" ${direction}
    LIMIT ${query.limit}`);
  return rows.map((row): LeadListRow => {
    const ownerId = intOrNull(row.ownerId);
    const lead = {
      id: int(row.id),
      fullName: String(row.fullName),
      phone: String(row.phone),
      region: (row.region as string | null) ?? null,
      source: row.source as LeadSource,
      status: row.status as LeadStatus,
      lostReason: (row.lostReason as string | null) ?? null,
      ownerId,
      complexId: intOrNull(row.complexId),
      apartmentId: intOrNull(row.apartmentId),
      budget: bigOrNull(row.budget),
      budgetCurrency: (row.budgetCurrency as Currency | null) ?? null,
      note: (row.note as string | null) ?? null,
    };
    // Keys added to the literal rather than spread into a new object (see gridRows).
    return Object.assign(lead, leadTimestamps(row), {
      owner:
        ownerId === null
          ? null
          : {
              id: ownerId,
              firstName: String(row.ownerFirstName ?? ""),
              lastName: String(row.ownerLastName ?? ""),
            },
    });
  });
}

type LeadTimestamp =
  | "statusChangedAt"
  | "lastActivityAt"
  | "nextCallbackAt"
  | "archivedAt"
  | "createdAt"
  | "updatedAt";

/** A lead's timestamps as the contract carries them, from any row that holds them. */
export function leadTimestamps(row: Record<LeadTimestamp, unknown>) {
  return {
    statusChangedAt: isoInstant(row.statusChangedAt),
    lastActivityAt: isoInstantOrNull(row.lastActivityAt),
    nextCallbackAt: isoInstantOrNull(row.nextCallbackAt),
    archivedAt: isoInstantOrNull(row.archivedAt),
    createdAt: isoInstant(row.createdAt),
    updatedAt: isoInstant(row.updatedAt),
  };
}

export async function countLeadRows(
  reader: SqlReader,
  scopeOwnerId: number | undefined,
  filters: TLeadFilters,
): Promise<number> {
  const rows = await reader.all<{ total: unknown }>(Prisma.sql`
    SELECT COUNT(*) AS "total" FROM "Lead" l ${whereClause(await filterSql(reader, scopeOwnerId, filters, "count"))}`);
  return int(rows[0]?.total ?? 0);
}

export interface BoardSummaryRow {
  status: LeadStatus;
  currency: Currency | null;
  count: number;
  /** Sum of the budgets in `currency` (minor units), exact. */
  total: bigint;
}

/**
 * The board's column headers in one GROUP BY: per status and budget currency, the number of
 * leads and the sum of their budgets, under the list's filters (the archived/status/currency/
 * budget index answers the unfiltered board without reading the table).
 */
export async function boardSummaryRows(
  reader: SqlReader,
  scopeOwnerId: number | undefined,
  filters: TLeadFilters,
): Promise<BoardSummaryRow[]> {
  const rows = await reader.all(Prisma.sql`
    SELECT l."status" AS "status", l."budgetCurrency" AS "currency", COUNT(*) AS "count",
           SUM(l."budget") AS "total"
    FROM "Lead" l ${whereClause(await filterSql(reader, scopeOwnerId, filters, "count"))}
    GROUP BY l."status", l."budgetCurrency"`);
  return rows.map((row) => ({
    status: row.status as LeadStatus,
    currency: (row.currency as Currency | null) ?? null,
    count: int(row.count),
    // PostgreSQL's SUM(bigint) is numeric (text from the driver); SQLite's an integer.
    total: bigOrNull(row.total) ?? 0n,
  }));
}
