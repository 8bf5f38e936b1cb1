// pnpm bench:inventory (API part) — a 3,000-flat complex in a fresh SQLite file (or, with
// `-- --db=postgres`, a fresh PostgreSQL database, dropped at the end); the шахматка request
// driven over HTTP, unfiltered and filtered, beside the same query on bare node:http + the bare
// driver. The browser paint time is measured by e2e/bench/grid-paint.ts.
//   BENCH_SECONDS per scenario (default 8), BENCH_CONNECTIONS (10)
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { hashPassword } from "@crm/db";
import { iso, openBenchDb, type BenchDb } from "./bench-db";
import { CONNECTIONS, ROUNDS, SECONDS, compare, fmt, startBuiltApi } from "./harness";

const apiDir = path.resolve(__dirname, "..");
const workDir = path.resolve(apiDir, "../../.tmp/bench-inventory");
const PASSWORD = "bench-password-1";

/** 4 blocks × 25 floors × 30 flats = 3,000 flats, a fifth of them booked or sold. */
async function seed(db: BenchDb): Promise<number> {
  const stamp = iso(Date.now());
  const [mop] = await db.all<{ id: number }>('SELECT "id" FROM "Role" WHERE "code" = ?', ["MOP"]);
  await db.begin();
  await db.insert("User", {
    login: "bench.mop",
    passwordHash: await hashPassword(PASSWORD),
    firstName: "Bench",
    roleId: Number(mop!.id),
    createdAt: stamp,
    updatedAt: stamp,
  });
  const complexId = await db.insert("Complex", {
    name: "ЖК Bench Tower",
    slug: "bench-tower",
    city: "Ташкент",
    createdAt: stamp,
    updatedAt: stamp,
  });
  const flats = db.bulk("Apartment", [
    "complexId",
    "block",
    "floor",
    "number",
    "rooms",
    "area",
    "price",
    "currency",
    "status",
    "createdAt",
    "updatedAt",
  ]);
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
  let n = 0;
  for (const block of ["A", "B", "C", "D"]) {
    for (let floor = 1; floor <= 25; floor++) {
      for (let unit = 1; unit <= 30; unit++) {
        const rooms = 1 + (unit % 4);
        const area = 30 + rooms * 17 + (unit % 5);
        await flats.add([
          complexId,
          block,
          floor,
          `${block}-${floor}${String(unit).padStart(2, "0")}`,
          rooms,
          area,
          area * 11_000_000_00,
          "UZS",
          statuses[n++ % 10]!,
          stamp,
          stamp,
        ]);
      }
    }
  }
  await flats.flush();
  await db.commit();
  await db.analyze();
  await db.close();
  return complexId;
}

/** The floor: the same statement and JSON of the raw rows, no framework, no auth. */
function floorServer(url: string): Promise<http.Server> {
  const sql =
    'SELECT "id", "block", "section", "floor", "number", "rooms", "area", "price", "status", "bookedLeadId", "bookedUntil" FROM "Apartment" WHERE "complexId" = ';
  let rows: (id: number) => Promise<unknown[]> | unknown[];
  let poolOf: pg.Pool | undefined;
  if (url.startsWith("postgres")) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    poolOf = pool;
    rows = async (id) => (await pool.query(`${sql}$1`, [id])).rows;
  } else {
    const statement = new Database(url.replace(/^file:/, ""), { readonly: true }).prepare(
      `${sql}?`,
    );
    rows = (id) => statement.all(id);
  }
  let closePool = () => {};
  if (url.startsWith("postgres")) closePool = () => void poolOf?.end();
  const server = http.createServer((req, res) => {
    const id = Number(/\/api\/complexes\/(\d+)/.exec(req.url ?? "")?.[1]);
    void Promise.resolve(rows(id)).then((result) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(
          JSON.stringify(result, (_key, value: unknown) =>
            typeof value === "bigint" ? Number(value) : value,
          ),
        ),
    );
  });
  server.on("close", () => closePool());
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const db = await openBenchDb("inventory", workDir);
  const complexId = await seed(db);
  // The paint is measured on the built SPA the API serves.
  if (!fs.existsSync(path.resolve(apiDir, "../web/dist/index.html"))) {
    const web = spawn("pnpm", ["--filter", "@crm/web", "build"], { stdio: "inherit" });
    await new Promise((resolve) => web.on("exit", resolve));
  }
  const api = await startBuiltApi(db.url);
  const floor = await floorServer(db.url);
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
    // Bytes on the wire for the grid, as Chromium asks for it and uncompressed.
    const wire = async (port: number, encoding: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get(
            `http://127.0.0.1:${port}/api/complexes/${complexId}/grid`,
            { headers: { ...auth, "accept-encoding": encoding } },
            (res) => {
              let bytes = 0;
              res.on("data", (chunk: Buffer) => (bytes += chunk.length));
              res.on("end", () => resolve(bytes));
            },
          )
          .on("error", reject);
      });
    const sizes = {
      br: await wire(api.port, "br"),
      gzip: await wire(api.port, "gzip"),
      identity: await wire(api.port, "identity"),
      floor: await wire(floorPort, "identity"),
    };
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    // The API is driven as a browser asks (compressed); the floor sends its raw rows as they are.
    const browser = { ...auth, "accept-encoding": "gzip, deflate, br" };
    const rows: string[] = [];
    // One client measures what a person opening the page waits; CONNECTIONS show throughput.
    for (const [name, route, connections] of [
      ["grid, 1 client", `/api/complexes/${complexId}/grid`, 1],
      ["grid filtered, 1", `/api/complexes/${complexId}/grid?rooms=2&priceMax=800000000000`, 1],
      [`grid, ${CONNECTIONS} clients`, `/api/complexes/${complexId}/grid`, CONNECTIONS],
    ] as const) {
      const { api: viaApi, floor: viaFloor } = await compare(
        { url: `http://127.0.0.1:${api.port}${route}`, headers: browser },
        { url: `http://127.0.0.1:${floorPort}${route}`, headers: {} },
        connections,
      );
      if (viaApi.errors || viaFloor.errors || !viaApi.requests) throw new Error(`${name}: errors`);
      rows.push(
        `| ${name.padEnd(18)} | ${fmt(viaApi.p50)} | ${fmt(viaApi.p95)} | ${fmt(viaApi.p99)} | ${viaApi.rps.toFixed(0).padStart(7)} | ${fmt(viaFloor.p95)} | ${viaFloor.rps.toFixed(0).padStart(7)} | ${((viaApi.rps / viaFloor.rps) * 100).toFixed(0).padStart(6)} % |`,
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
      drawnMedianMs: number;
      stagesMs: {
        document: number;
        scriptLoaded: number;
        gridAsked: number;
        gridAnswered: number;
      };
    };
    console.log("\n<!-- summary -->");
    console.log(
      `\n${db.provider}, ${flats.toLocaleString("en")} flats; ${SECONDS} s per side in ${ROUNDS} alternating rounds; latencies in ms`,
    );
    console.log(
      `grid on the wire: ${kb(sizes.br)} brotli, ${kb(sizes.gzip)} gzip, ${kb(sizes.identity)} uncompressed (the floor's raw rows: ${kb(sizes.floor)})`,
    );
    console.log(
      "| scenario           | API p50 | API p95 | API p99 |   API/s | floor p95 | floor/s | API/floor |",
    );
    console.log(
      "| ------------------ | ------: | ------: | ------: | ------: | --------: | ------: | --------: |",
    );
    for (const row of rows) console.log(row);
    console.log(
      `\nChromium paints the шахматка's first screen in ${painted.medianMs} ms (median of ${painted.runs} loads; slowest ${painted.worstMs} ms) and has all ${painted.cells} cells of the block drawn at ${painted.drawnMedianMs} ms, from navigation start`,
    );
    const at = painted.stagesMs;
    console.log(
      `Before the paint (medians, ms from navigation start): document received ${at.document}, app script received ${at.scriptLoaded}, grid asked for ${at.gridAsked} and answered ${at.gridAnswered}`,
    );
  } finally {
    api.child.kill("SIGTERM");
    floor.close();
    if (db.provider === "postgres") {
      await new Promise((resolve) =>
        api.child.exitCode !== null ? resolve(null) : api.child.once("exit", resolve),
      );
      await db.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
