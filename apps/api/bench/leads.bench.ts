// pnpm bench:leads — 1,000,000 leads in a fresh SQLite file, the API driven over HTTP, and the
// same queries through bare node:http + better-sqlite3 as the floor.
//   BENCH_LEADS (default 1000000), BENCH_SECONDS per scenario (default 8), BENCH_CONNECTIONS (10)
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createDb, migrate, seedRoles } from "@crm/db";
import { BENCH_PASSWORD, seedLeads } from "./seed-leads";

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const apiDir = path.resolve(__dirname, "..");
const workDir = path.resolve(apiDir, "../../.tmp/bench");
const file = path.join(workDir, "leads.db");

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections, duration: SECONDS, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== 200) errors += 1;
    latencies.push(responseTime);
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / SECONDS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.non2xx,
  };
}

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      // From here on the server's log is drained and dropped, not collected by this process.
      child.stdout!.off("data", onData).resume();
      child.stderr!.off("data", onData).resume();
      resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} exited ${code}: ${output}`)));
  });
}

async function main() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const url = `file:${file}`;
  await migrate(url);
  const prisma = createDb({ url });
  await seedRoles(prisma);
  await prisma.$disconnect();
  const seeded = await seedLeads(file, LEADS);
  const size = fs.statSync(file).size / 2 ** 20;
  console.log(
    `seeded ${seeded.leads.toLocaleString("en")} leads, ${seeded.comments.toLocaleString("en")} comments, ${seeded.sellers} sellers in ${seeded.seconds.toFixed(1)} s (${size.toFixed(0)} MiB)`,
  );

  // A cursor ~90 % deep into the default order, and a search term from the data.
  const raw = new Database(file, { readonly: true });
  const deepRow = raw
    .prepare('SELECT createdAt, id FROM "Lead" ORDER BY createdAt DESC, id DESC LIMIT 1 OFFSET ?')
    .get(Math.floor(LEADS * 0.9)) as { createdAt: string; id: number };
  raw.close();
  const cursor = Buffer.from(
    JSON.stringify([new Date(deepRow.createdAt).toISOString(), deepRow.id]),
  ).toString("base64url");

  // Lists are driven by CONNECTIONS concurrent clients; statistics, a heavy report, by one.
  const scenarios: [string, string, number][] = [
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

  const bundle = spawn(process.execPath, ["../../scripts/bundle-app.mjs", "src/server.ts"], {
    cwd: apiDir,
    stdio: "inherit",
  });
  await new Promise((resolve) => bundle.on("exit", resolve));
  const api = await start(
    process.execPath,
    [path.join(apiDir, "dist/server.js")],
    {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      SEED_DEMO: "false",
      NODE_ENV: "production",
      JWT_SECRET: "bench-secret-bench-secret-bench-secret",
      RATE_LIMIT_MAX: "1000000000",
      LOG_LEVEL: "info",
    },
    /"port":(\d+)/,
  );
  const floor = await start(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "floor-server.ts"), file, "0"],
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
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    for (const [name, route, connections] of scenarios) {
      const viaApi = await load(`http://127.0.0.1:${api.port}${route}`, auth, connections);
      const viaFloor = await load(`http://127.0.0.1:${floor.port}${route}`, {}, connections);
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
    console.log(
      `\n${LEADS.toLocaleString("en")} leads; lists: ${CONNECTIONS} connections, statistics: 1; ${SECONDS} s per run; latencies in ms`,
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
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
