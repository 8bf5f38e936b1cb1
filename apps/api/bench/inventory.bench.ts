// pnpm bench:inventory (API part) — a 3,000-flat complex in a fresh SQLite file; the шахматка
// request driven over HTTP, unfiltered and filtered, beside the same query on bare
// node:http + better-sqlite3. The browser paint time is measured by e2e/bench/grid-paint.ts.
//   BENCH_SECONDS per scenario (default 8), BENCH_CONNECTIONS (10)
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { createDb, hashPassword, migrate, seedRoles } from "@crm/db";
import { CONNECTIONS, SECONDS, fmt, load, startBuiltApi } from "./harness";

const apiDir = path.resolve(__dirname, "..");
const workDir = path.resolve(apiDir, "../../.tmp/bench-inventory");
const file = path.join(workDir, "inventory.db");
const PASSWORD = "bench-password-1";

/** 4 blocks × 25 floors × 30 flats = 3,000 flats, a fifth of them booked or sold. */
async function seed(): Promise<number> {
  const url = `file:${file}`;
  await migrate(url);
  const prisma = createDb({ url });
  await seedRoles(prisma);
  await prisma.$disconnect();
  const db = new Database(file);
  const stamp = new Date().toISOString().replace("Z", "+00:00");
  const mop = db.prepare('SELECT id FROM "Role" WHERE code = ?').get("MOP") as { id: number };
  db.prepare(
    'INSERT INTO "User" (login, passwordHash, firstName, roleId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
  ).run("bench.mop", await hashPassword(PASSWORD), "Bench", mop.id, stamp, stamp);
  const complexId = Number(
    db
      .prepare(
        'INSERT INTO "Complex" (name, slug, city, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)',
      )
      .run("ЖК Bench Tower", "bench-tower", "Ташкент", stamp, stamp).lastInsertRowid,
  );
  const insert =
    db.prepare(`INSERT INTO "Apartment" (complexId, block, floor, number, rooms, area, price, currency, status, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'UZS', ?, ?, ?)`);
  const statuses = [
    "FREE",
    "FREE",
    "FREE",
    "FREE",
    "FREE",
    "FREE",
    "FREE",
    "FREE",
    "BOOKED",
    "SOLD",
  ];
  db.transaction(() => {
    let n = 0;
    for (const block of ["A", "B", "C", "D"]) {
      for (let floor = 1; floor <= 25; floor++) {
        for (let unit = 1; unit <= 30; unit++) {
          const rooms = 1 + (unit % 4);
          const area = 30 + rooms * 17 + (unit % 5);
          insert.run(
            complexId,
            block,
            floor,
            `${block}-${floor}${String(unit).padStart(2, "0")}`,
            rooms,
            area,
            area * 11_000_000_00,
            statuses[n++ % 10],
            stamp,
            stamp,
          );
        }
      }
    }
  })();
  db.close();
  return complexId;
}

/** The floor: the same statement and JSON of the raw rows, no framework, no auth. */
function floorServer(): Promise<http.Server> {
  const db = new Database(file, { readonly: true });
  const statement = db.prepare(
    'SELECT id, block, section, floor, number, rooms, area, price, status, bookedLeadId, bookedUntil FROM "Apartment" WHERE complexId = ?',
  );
  const server = http.createServer((req, res) => {
    const id = Number(/\/api\/complexes\/(\d+)/.exec(req.url ?? "")?.[1]);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(statement.all(id)));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const complexId = await seed();
  const api = await startBuiltApi(`file:${file}`);
  const floor = await floorServer();
  const floorPort = (floor.address() as { port: number }).port;
  try {
    const login = await fetch(`http://127.0.0.1:${api.port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "bench.mop", password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const grid = (await (
      await fetch(`http://127.0.0.1:${api.port}/api/complexes/${complexId}/grid`, { headers: auth })
    ).json()) as { counts: Record<string, number> };
    const flats = Object.values(grid.counts).reduce((a, b) => a + b, 0);
    const rows: string[] = [];
    // One client measures what a person opening the page waits; CONNECTIONS show throughput.
    for (const [name, route, connections] of [
      ["grid, 1 client", `/api/complexes/${complexId}/grid`, 1],
      ["grid filtered, 1", `/api/complexes/${complexId}/grid?rooms=2&priceMax=800000000000`, 1],
      [`grid, ${CONNECTIONS} clients`, `/api/complexes/${complexId}/grid`, CONNECTIONS],
    ] as const) {
      const viaApi = await load(`http://127.0.0.1:${api.port}${route}`, auth, connections);
      const viaFloor = await load(`http://127.0.0.1:${floorPort}${route}`, {}, connections);
      if (viaApi.errors || viaFloor.errors || !viaApi.requests) throw new Error(`${name}: errors`);
      rows.push(
        `| ${name.padEnd(18)} | ${fmt(viaApi.p50)} | ${fmt(viaApi.p95)} | ${fmt(viaApi.p99)} | ${viaApi.rps.toFixed(0).padStart(7)} | ${fmt(viaFloor.p95)} | ${viaFloor.rps.toFixed(0).padStart(7)} |`,
      );
      console.log(rows[rows.length - 1]);
    }
    const paint = await new Promise<string>((resolve, reject) => {
      const tsx = pathToFileURL(require.resolve("tsx")).href;
      const child = spawn(
        process.execPath,
        ["--import", tsx, path.resolve(apiDir, "../../e2e/bench/grid-paint.ts")],
        {
          env: {
            ...process.env,
            BENCH_URL: `http://127.0.0.1:${api.port}`,
            BENCH_LOGIN: "bench.mop",
            BENCH_PASSWORD: PASSWORD,
            BENCH_COMPLEX_ID: String(complexId),
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("exit", (code) =>
        code === 0
          ? resolve(out.trim().split("\n").pop()!)
          : reject(new Error(`grid-paint exited ${code}`)),
      );
    });
    const painted = JSON.parse(paint) as {
      cells: number;
      runs: number;
      medianMs: number;
      worstMs: number;
    };
    console.log(`\n${flats.toLocaleString("en")} flats; ${SECONDS} s per run; latencies in ms`);
    console.log(
      "| scenario           | API p50 | API p95 | API p99 |   API/s | floor p95 | floor/s |",
    );
    console.log(
      "| ------------------ | ------: | ------: | ------: | ------: | --------: | ------: |",
    );
    for (const row of rows) console.log(row);
    console.log(
      `\nChromium paints the шахматка (${painted.cells} cells) in ${painted.medianMs} ms (median of ${painted.runs} loads; slowest ${painted.worstMs} ms), from navigation start`,
    );
  } finally {
    api.child.kill("SIGTERM");
    floor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
