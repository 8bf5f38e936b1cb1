// pnpm bench:public — the public complex endpoint (GET /api/public/complexes/:slug) of the built
// API at 50 connections from its warm cache, beside a bare node:http server (its own process)
// that returns the very same cached bytes, in alternating rounds of one run.
//   BENCH_SECONDS per server (default 8, in BENCH_ROUNDS alternating rounds, default 4),
//   BENCH_CONNECTIONS (50 here)
import fs from "node:fs";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { createDb, migrate, seedRoles } from "@crm/db";
import { compare, fmt, loadRaw, start, startBuiltApi } from "./harness";

const apiDir = path.resolve(__dirname, "..");
const workDir = path.resolve(apiDir, "../../.tmp/bench-public");
const file = path.join(workDir, "public.db");
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SLUG = "bench-park";

/** One published complex: 2 blocks × 16 floors × 8 flats, three in four of them free. */
async function seed() {
  const url = `file:${file}`;
  await migrate(url);
  const prisma = createDb({ url });
  await seedRoles(prisma);
  await prisma.$disconnect();
  const db = new Database(file);
  const stamp = new Date().toISOString().replace("Z", "+00:00");
  const complexId = Number(
    db
      .prepare(
        'INSERT INTO "Complex" (name, slug, city, address, description, isPublished, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      )
      .run(
        "ЖК Bench Park",
        SLUG,
        "Ташкент",
        "Юнусабад, 7",
        "Дом у парка: детский сад во дворе, подземный паркинг, метро в 5 минутах.",
        stamp,
        stamp,
      ).lastInsertRowid,
  );
  const insert =
    db.prepare(`INSERT INTO "Apartment" (complexId, block, floor, number, rooms, area, price, currency, status, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'UZS', ?, ?, ?)`);
  db.transaction(() => {
    let n = 0;
    for (const block of ["A", "B"]) {
      for (let floor = 1; floor <= 16; floor++) {
        for (let unit = 1; unit <= 8; unit++) {
          const rooms = 1 + (unit % 4);
          const area = 30 + rooms * 17 + (unit % 5);
          insert.run(
            complexId,
            block,
            floor,
            `${floor}${String(unit).padStart(2, "0")}`,
            rooms,
            area,
            area * 11_000_000_00,
            n++ % 4 === 3 ? "BOOKED" : "FREE",
            stamp,
            stamp,
          );
        }
      }
    }
  })();
  db.close();
}

async function main() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  await seed();
  const api = await startBuiltApi(`file:${file}`);
  const route = `/api/public/complexes/${SLUG}`;
  let bare: { child: ChildProcess; port: number } | undefined;
  try {
    const response = await fetch(`http://127.0.0.1:${api.port}${route}`);
    if (response.status !== 200) throw new Error(`warm-up answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const flats = (JSON.parse(bytes.toString()) as { flats: unknown[] }).flats.length;
    const bytesFile = path.join(workDir, "public.json");
    fs.writeFileSync(bytesFile, bytes);
    bare = await start(
      process.execPath,
      ["--import", "tsx", path.join(__dirname, "bare-server.ts"), bytesFile, "0"],
      {},
      /listening (\d+)/,
    );
    const barePort = bare.port;
    // The cache and the JIT are warmed first; then both side by side (harness.compare).
    const apiUrl = `http://127.0.0.1:${api.port}${route}`;
    await loadRaw(apiUrl, {}, CONNECTIONS, 3);
    const { api: viaApi, floor: viaBare } = await compare(
      { url: apiUrl, headers: {} },
      { url: `http://127.0.0.1:${barePort}${route}`, headers: {} },
      CONNECTIONS,
    );
    if (viaApi.errors || viaBare.errors) throw new Error("errors during the run");
    console.log("\n<!-- summary -->");
    console.log(
      `\n${flats} free flats, ${(bytes.length / 1024).toFixed(1)} KB of JSON, ${CONNECTIONS} connections\n`,
    );
    console.log("| server               |     p50 |     p95 |     p99 |   req/s |");
    console.log("| -------------------- | ------: | ------: | ------: | ------: |");
    for (const [name, f] of [
      ["API (warm cache)", viaApi],
      ["bare node:http", viaBare],
    ] as const) {
      console.log(
        `| ${name.padEnd(20)} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.p99)} | ${f.rps.toFixed(0).padStart(7)} |`,
      );
    }
    const share = viaApi.rps / viaBare.rps;
    console.log(
      `\nAPI/bare throughput ${(share * 100).toFixed(0)} % (target ≥ 70 %); API p99 ${viaApi.p99.toFixed(1)} ms (target ≤ 10 ms)`,
    );
  } finally {
    api.child.kill("SIGTERM");
    bare?.child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
