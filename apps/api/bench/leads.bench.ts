// pnpm bench:leads — 1,000,000 leads in a fresh SQLite file (or, with `-- --db=postgres`, a
// fresh PostgreSQL database, dropped at the end), the API driven over HTTP, and the same queries
// through bare node:http + the bare driver as the floor.
//   BENCH_LEADS (default 1000000), BENCH_SECONDS per scenario (default 8), BENCH_CONNECTIONS (10),
//   BENCH_ONLY (a pattern: only the scenarios whose name matches it, e.g. "page|cursor")
import { type ChildProcess } from "node:child_process";
import path from "node:path";
import { openBenchDb } from "./bench-db";
import { CONNECTIONS, ROUNDS, SECONDS, compare, fmt, start, startBuiltApi } from "./harness";
import { BENCH_PASSWORD, seedLeads } from "./seed-leads";

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const apiDir = path.resolve(__dirname, "..");
const workDir = path.resolve(apiDir, "../../.tmp/bench");

async function main() {
  const db = await openBenchDb("leads", workDir);
  const url = db.url;
  const seeded = await seedLeads(db, LEADS);
  console.log(
    `${db.provider}: seeded ${seeded.leads.toLocaleString("en")} leads, ${seeded.comments.toLocaleString("en")} comments, ${seeded.sellers} sellers in ${seeded.seconds.toFixed(1)} s`,
  );

  // A cursor ~90 % deep into the default order, and a search term from the data.
  const [deepRow] = await db.all<{ createdAt: string; id: number }>(
    'SELECT CAST("createdAt" AS TEXT) AS "createdAt", "id" FROM "Lead" ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ?',
    [Math.floor(LEADS * 0.9)],
  );
  await db.close();
  const deepAt =
    db.provider === "postgres"
      ? new Date(`${deepRow!.createdAt.replace(" ", "T")}Z`)
      : new Date(deepRow!.createdAt);
  const cursor = Buffer.from(JSON.stringify([deepAt.toISOString(), Number(deepRow!.id)])).toString(
    "base64url",
  );

  // Lists are driven by CONNECTIONS concurrent clients; statistics, a heavy report, by one.
  const all: [string, string, number][] = [
    ["first page", "/api/leads?limit=50", CONNECTIONS],
    [
      "filtered + sorted",
      "/api/leads?status=IN_PROGRESS&source=INSTAGRAM&sort=createdAt&order=desc&limit=50",
      CONNECTIONS,
    ],
    ["deep cursor (90 %)", `/api/leads?limit=50&cursor=${cursor}`, CONNECTIONS],
    ["search, common term", `/api/leads?q=${encodeURIComponent("тимур ка")}&limit=50`, CONNECTIONS],
    ["search, rare term", `/api/leads?q=9000069&limit=50`, CONNECTIONS],
    [
      "phone search",
      `/api/leads?q=${encodeURIComponent("+998 90 000 0699")}&limit=50`,
      CONNECTIONS,
    ],
    ["statistics (1 client)", "/api/stats/leads", 1],
  ];
  const only = process.env.BENCH_ONLY;
  const scenarios = only ? all.filter(([name]) => new RegExp(only).test(name)) : all;

  const api = await startBuiltApi(url);
  const floor = await start(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "floor-server.ts"), url, "0"],
    {},
    /listening (\d+)/,
  );
  try {
    const login = await fetch(`http://127.0.0.1:${api.port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "bench.mop", password: BENCH_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };

    const rows: string[] = [];
    for (const [name, route, connections] of scenarios) {
      const { api: viaApi, floor: viaFloor } = await compare(
        { url: `http://127.0.0.1:${api.port}${route}`, headers: auth },
        { url: `http://127.0.0.1:${floor.port}${route}`, headers: {} },
        connections,
      );
      const share = (viaApi.rps / viaFloor.rps) * 100;
      rows.push(
        `| ${name.padEnd(21)} | ${fmt(viaApi.p50)} | ${fmt(viaApi.p95)} | ${fmt(viaApi.p99)} | ${viaApi.rps.toFixed(0).padStart(7)} | ${fmt(viaFloor.p95)} | ${viaFloor.rps.toFixed(0).padStart(7)} | ${share.toFixed(0).padStart(4)} % |`,
      );
      if (viaApi.errors || viaFloor.errors || !viaApi.requests || !viaFloor.requests) {
        throw new Error(
          `${name}: api ${viaApi.requests} requests / ${viaApi.errors} errors, floor ${viaFloor.requests} / ${viaFloor.errors}`,
        );
      }
      console.log(rows[rows.length - 1]);
    }
    console.log("\n<!-- summary -->");
    console.log(
      `\n${db.provider}, ${LEADS.toLocaleString("en")} leads; lists: ${CONNECTIONS} connections, statistics: 1; ${SECONDS} s per side in ${ROUNDS} alternating rounds; latencies in ms`,
    );
    console.log(
      "| scenario              | API p50 | API p95 | API p99 |   API/s | floor p95 | floor/s | API/floor |",
    );
    console.log(
      "| --------------------- | ------: | ------: | ------: | ------: | --------: | ------: | --------: |",
    );
    for (const row of rows) console.log(row);
  } finally {
    api.child.kill("SIGTERM");
    floor.child.kill("SIGTERM");
    if (db.provider === "postgres") {
      await Promise.all([api.child, floor.child].map((child) => exited(child)));
      await db.drop();
    }
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once("exit", () => resolve()),
  );

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
