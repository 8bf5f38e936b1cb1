// pnpm bench:import — 10,000 sheet rows through the real Google Sheets client (google-spreadsheet
// with its OAuth token) against a local fake Sheets server, into a fresh SQLite file: the dry run
// (read, check, compare), the apply (one transaction), then the same sheet again (all unchanged).
// The import code is the one the import-flats job runs. BENCH_ROWS changes the size (10000).
import fs from "node:fs";
import path from "node:path";
import { importFlats } from "@crm/core";
import { createDb, migrate, seedRoles } from "@crm/db";
import { startFakeGoogle } from "../test/fake-google";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const workDir = path.resolve(__dirname, "../../../.tmp/bench-import");
const file = path.join(workDir, "import.db");
const SHEET_ID = "1BenchSpreadsheet0000000000000000";

function sheetRows(priceBump: number) {
  const rows: (string | number | null)[][] = [
    ["ID", "Блок", "Секция", "Этаж", "№ квартиры", "Комнат", "Площадь, м²", "Цена", "Статус"],
  ];
  for (let i = 0; i < ROWS; i += 1) {
    const block = String.fromCharCode(65 + (i % 10));
    const rooms = 1 + (i % 4);
    const area = 30 + rooms * 17 + (i % 7) * 0.5;
    rows.push([
      `R${i + 1}`,
      block,
      String(1 + (i % 3)),
      1 + (Math.floor(i / 10) % 30),
      String(i + 1),
      rooms,
      area,
      Math.round(area * 9_800_000) + priceBump,
      i % 20 === 0 ? "Закрыта" : "Свободна",
    ]);
  }
  return rows;
}

async function main() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const url = `file:${file}`;
  await migrate(url);
  const db = createDb({ url });
  await seedRoles(db);
  const role = await db.role.findFirstOrThrow({ where: { code: "ADMIN" } });
  const admin = await db.user.create({
    data: { login: "bench.admin", passwordHash: "-", firstName: "Bench", roleId: role.id },
  });
  const complex = await db.complex.create({
    data: { name: "ЖК Bench Import", slug: "bench-import", city: "Ташкент" },
  });
  const fake = await startFakeGoogle();
  fake.spreadsheets.set(SHEET_ID, {
    title: "Bench",
    sheets: [{ title: "Шахматка", rows: sheetRows(0) }],
  });
  const deps = { sheets: fake.config };
  const actor = { id: admin.id, login: admin.login, role: "ADMIN" as const };
  await importFlats.linkSheet(
    db,
    actor,
    complex.id,
    { spreadsheet: SHEET_ID, worksheet: "Шахматка", headerRow: 1, mapping: {}, syncEnabled: false },
    fake.config,
  );

  const timed = async (label: string, kind: "dry" | "apply", dryRunId?: number) => {
    const started = performance.now();
    const run =
      kind === "dry"
        ? await importFlats.startSheetDryRun(db, actor, complex.id)
        : await importFlats.startApply(db, actor, dryRunId!);
    const done = await importFlats.executeRun(db, run.id, deps);
    const ms = performance.now() - started;
    if (done.status !== "succeeded") throw new Error(`${label}: ${done.error}`);
    console.log(
      `${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round((ROWS / ms) * 1000)
        .toString()
        .padStart(7)} rows/s  ${JSON.stringify(done.counts)}`,
    );
    return { run: done, ms };
  };

  console.log(`import of ${ROWS} rows, real client → fake Google Sheets, SQLite`);
  const dry = await timed("dry run (new complex)", "dry");
  const apply = await timed("apply (creates)", "apply", dry.run.id);
  console.log(
    `${"dry run + apply".padEnd(34)} ${((dry.ms + apply.ms) / 1000).toFixed(2).padStart(6)} s  (target ≤ 5 s)`,
  );
  await timed("dry run, same sheet (unchanged)", "dry");
  fake.spreadsheets.get(SHEET_ID)!.sheets[0]!.rows = sheetRows(1_000_000);
  const dry2 = await timed("dry run, every price changed", "dry");
  await timed("apply (updates + price history)", "apply", dry2.run.id);
  console.log(
    `flats ${await db.apartment.count()}, price rows ${await db.apartmentPrice.count()}, audit rows ${await db.auditLog.count()}`,
  );
  await fake.close();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
