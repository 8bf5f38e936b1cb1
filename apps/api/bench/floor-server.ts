// The floor: the same queries as the API's list and statistics endpoints, hand-written SQL on
// better-sqlite3 behind bare node:http — no framework, no ORM, no auth, no validation.
// It is what the hardware gives; the API's throughput is reported as a share of it.
import http from "node:http";
import Database from "better-sqlite3";

const file = process.argv[2]!;
const port = Number(process.argv[3] ?? 0);
const db = new Database(file, { readonly: true });
db.pragma("journal_mode = WAL");

const columns = `l.id, l.fullName, l.phone, l.region, l.source, l.status, l.lostReason, l.ownerId,
  l.complexId, l.apartmentId, l.budget, l.budgetCurrency, l.note, l.statusChangedAt, l.createdAt,
  l.updatedAt, u.firstName, u.lastName`;
const from = `FROM "Lead" l LEFT JOIN "User" u ON u.id = l.ownerId`;

const firstPage = db.prepare(
  `SELECT ${columns} ${from} ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
const filtered = db.prepare(
  `SELECT ${columns} ${from} WHERE l.status = ? AND l.source = ? ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
const deep = db.prepare(
  `SELECT ${columns} ${from} WHERE l.createdAt <= ? AND (l.createdAt < ? OR l.id < ?) ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
// Search takes the same two steps as the API: the trigram index for a rare term, a
// newest-first scan for a common one.
const searchHits = db.prepare(
  `SELECT rowid FROM "LeadSearch" WHERE "LeadSearch" MATCH ? LIMIT 1001`,
);
const searchByIds = db.prepare(
  `SELECT ${columns} ${from} WHERE l.id IN (SELECT value FROM json_each(?)) ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
const searchScan = db.prepare(
  `SELECT ${columns} ${from} WHERE l.searchText LIKE ? ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
function search(term: string) {
  const hits = searchHits.all(`"${term}"`) as { rowid: number }[];
  if (hits.length > 1000) return searchScan.all(`%${term}%`);
  return searchByIds.all(JSON.stringify(hits.map((hit) => hit.rowid)));
}
const byPhone = db.prepare(
  `SELECT ${columns} ${from} WHERE l.phone = ? ORDER BY l.createdAt DESC, l.id DESC LIMIT 51`,
);
const stats = [
  db.prepare(
    `SELECT status, ownerId, source, complexId, COUNT(*) AS n FROM "Lead" GROUP BY status, ownerId, source, complexId`,
  ),
];

function handle(url: URL): unknown {
  const q = url.searchParams;
  if (url.pathname === "/api/stats/leads") return stats.map((statement) => statement.all());
  if (q.has("cursor")) {
    const [createdAt, id] = JSON.parse(Buffer.from(q.get("cursor")!, "base64url").toString()) as [
      string,
      number,
    ];
    const stamp = createdAt.replace("Z", "+00:00");
    return { items: deep.all(stamp, stamp, id) };
  }
  if (q.has("q")) {
    const term = q.get("q")!;
    const digits = term.replace(/\D/g, "");
    if (/^[+\d\s()-]+$/.test(term) && digits.length >= 9)
      return { items: byPhone.all(`+${digits}`) };
    return { items: search(term.toLowerCase()) };
  }
  if (q.has("status")) return { items: filtered.all(q.get("status"), q.get("source")) };
  return { items: firstPage.all() };
}

http
  .createServer((req, res) => {
    const body = JSON.stringify(handle(new URL(req.url!, "http://floor")));
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  })
  .listen(port, "127.0.0.1", function (this: http.Server) {
    const address = this.address();
    process.stdout.write(
      `listening ${typeof address === "object" && address ? address.port : port}\n`,
    );
  });
