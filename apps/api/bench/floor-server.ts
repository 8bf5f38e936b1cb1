// The floor: the same queries as the API's list and statistics endpoints, hand-written SQL on
// the bare driver (better-sqlite3, or pg with --db=postgres) behind bare node:http — no
// framework, no ORM, no auth, no validation. It is what the hardware gives; the API's
// throughput is reported as a share of it.
//   floor-server.ts <DATABASE_URL> <port>
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const url = process.argv[2]!;
const port = Number(process.argv[3] ?? 0);
const postgres = url.startsWith("postgres");

type Row = Record<string, unknown>;
type Run = (sql: string, params: unknown[]) => Promise<Row[]> | Row[];

function sqliteRun(): Run {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  const statements = new Map<string, Database.Statement>();
  return (sql, params) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement.all(...params) as Row[];
  };
}

function postgresRun(): Run {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return async (sql, params) => {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await pool.query({ text, values: params })).rows as Row[];
  };
}

const run = postgres ? postgresRun() : sqliteRun();
const stamp = (iso: string) => (postgres ? iso.replace("Z", "") : iso.replace("Z", "+00:00"));

const columns = `l."id", l."fullName", l."phone", l."region", l."source", l."status", l."lostReason",
  l."ownerId", l."complexId", l."apartmentId", l."budget", l."budgetCurrency", l."note",
  l."statusChangedAt", l."lastActivityAt", l."nextCallbackAt", l."archivedAt", l."createdAt",
  l."updatedAt",
  u."firstName", u."lastName"`;
const from = `FROM "Lead" l LEFT JOIN "User" u ON u."id" = l."ownerId" WHERE l."archivedAt" IS NULL`;
const order = `ORDER BY l."createdAt" DESC, l."id" DESC LIMIT 51`;
const enumCast = (name: string) => (postgres ? `CAST(? AS "${name}")` : "?");

const firstPage = () => run(`SELECT ${columns} ${from} ${order}`, []);
const filtered = (status: string, source: string) =>
  run(
    `SELECT ${columns} ${from} AND l."status" IN (${enumCast("LeadStatus")}) AND l."source" IN (${enumCast("LeadSource")}) ${order}`,
    [status, source],
  );
const deep = (createdAt: string, id: number) =>
  run(
    `SELECT ${columns} ${from} AND l."createdAt" <= ? AND (l."createdAt" < ? OR l."id" < ?) ${order}`,
    [stamp(createdAt), stamp(createdAt), id],
  );
const like = (term: string) =>
  run(`SELECT ${columns} ${from} AND l."searchText" LIKE ? ${order}`, [`%${term}%`]);

// Search takes the same steps as the API: first the newest 10,000 rows on the covering index (a
// common term fills its page there, or half of it and the scan goes on past the window); then on
// SQLite the trigram index for a rare term and a newest-first scan for a common one, while
// PostgreSQL's planner chooses between its trigram index and the scan by itself.
const WINDOW = `FROM "Lead" w WHERE w."archivedAt" IS NULL ORDER BY w."createdAt" DESC, w."id" DESC`;
async function search(term: string) {
  const newest = await run(
    `SELECT ${columns} ${from} AND l."id" IN (SELECT newest."id" FROM (SELECT w."id", w."createdAt", w."searchText" ${WINDOW} LIMIT 10000) AS newest WHERE newest."searchText" LIKE ? ORDER BY newest."createdAt" DESC, newest."id" DESC LIMIT 51) ${order}`,
    [`%${term}%`],
  );
  if (newest.length === 51) return newest;
  const [edge] = await run(`SELECT w."createdAt", w."id" ${WINDOW} LIMIT 1 OFFSET 9999`, []);
  if (!edge) return newest;
  if (newest.length * 2 >= 51) {
    const rest = await run(
      `SELECT ${columns} ${from} AND (l."searchText" || '') LIKE ? AND l."createdAt" <= ? AND (l."createdAt" < ? OR l."id" < ?) ORDER BY l."createdAt" DESC, l."id" DESC LIMIT ${51 - newest.length}`,
      [`%${term}%`, edge.createdAt, edge.createdAt, edge.id],
    );
    return [...newest, ...rest];
  }
  if (postgres) return like(term);
  const hits = (await run(`SELECT rowid FROM "LeadSearch" WHERE "LeadSearch" MATCH ? LIMIT 1001`, [
    `"${term}"`,
  ])) as { rowid: number }[];
  if (hits.length > 1000) return like(term);
  return run(`SELECT ${columns} ${from} AND l."id" IN (SELECT value FROM json_each(?)) ${order}`, [
    JSON.stringify(hits.map((hit) => hit.rowid)),
  ]);
}
const byPhone = (phone: string) =>
  run(`SELECT ${columns} ${from} AND l."phone" = ? ${order}`, [phone]);
// Statistics without a date range read the counts the database keeps (migration lead_counts).
const stats = () =>
  run(
    `SELECT "status", NULLIF("ownerKey", 0) AS "ownerId", "source", NULLIF("complexKey", 0) AS "complexId", SUM("n") AS "n" FROM (SELECT "status", "ownerKey", "source", "complexKey", "n" FROM "LeadCount" UNION ALL SELECT "status", "ownerKey", "source", "complexKey", "n" FROM "LeadCountDelta") AS "c" GROUP BY "status", "ownerKey", "source", "complexKey" HAVING SUM("n") > 0`,
    [],
  );

async function handle(target: URL): Promise<unknown> {
  const q = target.searchParams;
  if (target.pathname === "/api/stats/leads") return stats();
  if (q.has("cursor")) {
    const [createdAt, id] = JSON.parse(Buffer.from(q.get("cursor")!, "base64url").toString()) as [
      string,
      number,
    ];
    return { items: await deep(createdAt, id) };
  }
  if (q.has("q")) {
    const term = q.get("q")!;
    const digits = term.replace(/\D/g, "");
    if (/^[+\d\s()-]+$/.test(term) && digits.length >= 9)
      return { items: await byPhone(`+${digits}`) };
    return { items: await search(term.toLowerCase()) };
  }
  if (q.has("status")) return { items: await filtered(q.get("status")!, q.get("source")!) };
  return { items: await firstPage() };
}

http
  .createServer((req, res) => {
    handle(new URL(req.url!, "http://floor")).then(
      (result) => {
        const body = JSON.stringify(result, (_key, value: unknown) =>
          typeof value === "bigint" ? Number(value) : value,
        );
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      },
      (error: unknown) => {
        res.writeHead(500).end(String(error));
      },
    );
  })
  .listen(port, "127.0.0.1", function (this: http.Server) {
    const address = this.address();
    process.stdout.write(
      `listening ${typeof address === "object" && address ? address.port : port}\n`,
    );
  });
