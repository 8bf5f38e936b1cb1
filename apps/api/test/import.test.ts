import ExcelJS from "exceljs";
import pino from "pino";
import request from "supertest";
import type { TImportRun, TImportRunDetail } from "@crm/contracts";
import { createInProcessJobs, type InProcessJobs } from "@crm/jobs";
import { startFakeGoogle, type FakeGoogle } from "./fake-google";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let fake: FakeGoogle;
let jobs: InProcessJobs;
let app: ReturnType<typeof ctx.appWith>;
let admin: string;
let rop: string;
let complexCounter = 0;

beforeAll(async () => {
  fake = await startFakeGoogle();
  jobs = createInProcessJobs({
    db: ctx.db,
    logger: pino({ level: "silent" }),
    sheets: fake.config,
  });
  jobs.start();
  app = ctx.appWith({ sheets: fake.config }, { jobs });
  admin = (await ctx.loginAs("ADMIN")).token;
  rop = (await ctx.loginAs("ROP")).token;
});
afterAll(async () => {
  await jobs.close();
  await fake.close();
});

const as = (token: string) => ({
  get: (path: string) => request(app).get(path).set("authorization", `Bearer ${token}`),
  post: (path: string) => request(app).post(path).set("authorization", `Bearer ${token}`),
  put: (path: string) => request(app).put(path).set("authorization", `Bearer ${token}`),
  patch: (path: string) => request(app).patch(path).set("authorization", `Bearer ${token}`),
});

async function newComplex(currency: "UZS" | "USD" = "UZS") {
  complexCounter += 1;
  return ctx.db.complex.create({
    data: {
      name: `Import ${complexCounter}`,
      slug: `import-${complexCounter}-${process.pid}`,
      city: "Ташкент",
      currency,
    },
  });
}

async function waitFor(runId: number): Promise<TImportRun> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await as(admin).get(`/api/import-runs/${runId}`);
    expect(res.status).toBe(200);
    const run = (res.body as TImportRunDetail).run;
    if (run.status === "succeeded" || run.status === "failed") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function lines(runId: number, action?: string) {
  const res = await as(admin).get(`/api/import-runs/${runId}${action ? `?action=${action}` : ""}`);
  return (res.body as TImportRunDetail).lines;
}

async function upload(
  complexId: number,
  content: string | Buffer,
  name = "flats.csv",
  type = "text/csv",
) {
  const res = await as(admin)
    .post(`/api/complexes/${complexId}/import/upload?name=${encodeURIComponent(name)}`)
    .set("content-type", type)
    .send(typeof content === "string" ? Buffer.from(content) : content);
  expect(res.status).toBe(202);
  return waitFor(res.body.id as number);
}

async function apply(dryRunId: number) {
  const res = await as(admin).post(`/api/import-runs/${dryRunId}/apply`);
  expect(res.status).toBe(202);
  return waitFor(res.body.id as number);
}

const HEADER = "Блок;Секция;Этаж;№ квартиры;Комнат;Площадь, м²;Цена;Статус";
const csv = (...rows: string[]) => "\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n";

describe("import from a CSV file", () => {
  it("dry-runs, then applies: flats created with their first price and audit rows", async () => {
    const complex = await newComplex();
    const dry = await upload(
      complex.id,
      csv(
        "A;1;2;10;2;65,5;650 000 000;Свободна",
        "A;1;2;11;3;80;800000000;",
        "B;;3;1;1;40,2;420000000;Закрыта",
      ),
    );
    expect(dry).toMatchObject({ status: "succeeded", kind: "dry-run", source: "csv" });
    expect(dry.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0, conflict: 0 });
    // A dry run writes nothing.
    expect(await ctx.db.apartment.count({ where: { complexId: complex.id } })).toBe(0);

    const applied = await apply(dry.id);
    expect(applied).toMatchObject({ status: "succeeded", kind: "apply", dryRunId: dry.id });
    expect(applied.progress.rowsApplied).toBe(3);
    const flats = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: [{ block: "asc" }, { number: "asc" }],
      include: { priceHistory: true },
    });
    expect(
      flats.map((f) => [
        f.block,
        f.section,
        f.floor,
        f.number,
        f.rooms,
        f.area,
        Number(f.price),
        f.status,
      ]),
    ).toEqual([
      ["A", "1", 2, "10", 2, 65.5, 650_000_000_00, "FREE"],
      ["A", "1", 2, "11", 3, 80, 800_000_000_00, "FREE"],
      ["B", "", 3, "1", 1, 40.2, 420_000_000_00, "UNAVAILABLE"],
    ]);
    expect(flats.every((f) => f.priceHistory.length === 1)).toBe(true);
    const audits = await ctx.db.auditLog.findMany({
      where: { action: "apartment.create", entityId: { in: flats.map((f) => String(f.id)) } },
    });
    expect(audits).toHaveLength(3);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "import.apply", entityId: String(complex.id) },
      }),
    ).toBe(1);

    // The plan is applied once.
    const again = await as(admin).post(`/api/import-runs/${dry.id}/apply`);
    expect(again.status).toBe(409);
  });

  it("is idempotent: the same file twice is all unchanged and the second apply changes nothing", async () => {
    const complex = await newComplex();
    const file = csv("A;1;2;10;2;65,5;650000000;Свободна", "A;1;3;12;1;40;400000000;");
    await apply((await upload(complex.id, file)).id);
    const before = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: { id: "asc" },
    });

    const second = await upload(complex.id, file);
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 2, rejected: 0, conflict: 0 });
    await apply(second.id);
    const after = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before);
    expect(
      await ctx.db.apartmentPrice.count({ where: { apartment: { complexId: complex.id } } }),
    ).toBe(2);
  });

  it("keeps a price change in the price history and the audit log", async () => {
    const complex = await newComplex();
    await apply((await upload(complex.id, csv("A;1;2;10;2;65;650000000;"))).id);
    const dry = await upload(complex.id, csv("A;1;2;10;2;65;700000000;"));
    expect(dry.counts.update).toBe(1);
    expect((await lines(dry.id, "update"))[0]).toMatchObject({
      row: 2,
      label: "A-10",
      changes: { price: { from: 650_000_000_00, to: 700_000_000_00 } },
    });
    await apply(dry.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({
      where: { complexId: complex.id },
      include: { priceHistory: { orderBy: { id: "asc" } } },
    });
    expect(Number(flat.price)).toBe(700_000_000_00);
    expect(flat.priceHistory.map((p) => Number(p.price))).toEqual([650_000_000_00, 700_000_000_00]);
    const priceAudit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "apartment.price", entityId: String(flat.id) },
    });
    expect(JSON.parse(priceAudit.before!)).toEqual({ price: 650_000_000_00, currency: "UZS" });
    expect(JSON.parse(priceAudit.after!)).toEqual({ price: 700_000_000_00, currency: "UZS" });
  });

  it("never changes a BOOKED or SOLD flat's status: such rows are conflicts and stay as they were", async () => {
    const complex = await newComplex();
    await apply(
      (await upload(complex.id, csv("A;1;2;10;2;65;650000000;", "A;1;2;11;2;65;650000000;"))).id,
    );
    const [booked, sold] = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: { number: "asc" },
    });
    await ctx.db.apartment.update({ where: { id: booked!.id }, data: { status: "BOOKED" } });
    await ctx.db.apartment.update({ where: { id: sold!.id }, data: { status: "SOLD" } });

    const dry = await upload(
      complex.id,
      csv(
        "A;1;2;10;2;65;999000000;Свободна",
        "A;1;2;11;2;65;650000000;Продано",
        "A;1;2;12;2;65;650000000;Бронь",
      ),
    );
    expect(dry.counts).toEqual({ create: 0, update: 0, unchanged: 1, rejected: 0, conflict: 2 });
    const conflicts = await lines(dry.id, "conflict");
    expect(conflicts.map((l) => [l.row, l.label])).toEqual([
      [2, "A-10"],
      [4, "A-12"],
    ]);
    expect(conflicts[0]!.reason).toMatch(/BOOKED/);
    await apply(dry.id);
    const after = await ctx.db.apartment.findUniqueOrThrow({ where: { id: booked!.id } });
    expect(after.status).toBe("BOOKED");
    expect(Number(after.price)).toBe(650_000_000_00);
    expect(await ctx.db.apartment.count({ where: { complexId: complex.id } })).toBe(2);
  });

  it("never half-applies: a flat changed after the dry run fails the whole apply", async () => {
    const complex = await newComplex();
    await apply(
      (await upload(complex.id, csv("A;1;2;10;2;65;650000000;", "A;1;2;11;2;65;650000000;"))).id,
    );
    const dry = await upload(
      complex.id,
      csv("A;1;2;10;2;65;700000000;", "A;1;2;11;2;65;710000000;", "A;1;2;12;2;65;720000000;"),
    );
    expect(dry.counts).toMatchObject({ create: 1, update: 2 });
    const flat11 = await ctx.db.apartment.findFirstOrThrow({
      where: { complexId: complex.id, number: "11" },
    });
    const edit = await as(admin).patch(`/api/flats/${flat11.id}`).send({ rooms: 3 });
    expect(edit.status).toBe(200);

    const before = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: { id: "asc" },
    });
    const applied = await apply(dry.id);
    expect(applied.status).toBe("failed");
    expect(applied.error).toMatch(/changed since the dry run.*A-11/);
    expect(
      await ctx.db.apartment.findMany({ where: { complexId: complex.id }, orderBy: { id: "asc" } }),
    ).toEqual(before);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "import.apply", entityId: String(complex.id) },
      }),
    ).toBe(1);
  });

  it("reports every bad row with its number and reason, and imports the good ones", async () => {
    const complex = await newComplex();
    const dry = await upload(
      complex.id,
      csv(
        "A;1;2;1;2;65;650000000;",
        "A;1;2;2;2;65;договорная;",
        "A;1;2;3;2;65;-5;",
        "A;1;2;4;2;0;650000000;",
        "A;1;2;5;2;65;650000000;Думаем",
        "A;1;2;6;2;65;#REF!;",
        "A;1;этаж;7;2;65;650000000;",
        "A;1;2;8;2.5;65;650000000;",
        "A;1;2;9;2;65;650000000;",
        "A;1;3;9;2;65;650000000;",
        "A;1;2;;2;65;650000000;",
      ),
    );
    expect(dry.status).toBe("succeeded");
    expect(dry.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 10, conflict: 0 });
    const rejected = await lines(dry.id, "rejected");
    expect(rejected.map((l) => [l.row, l.reason])).toEqual([
      [3, 'price: "договорная" is not a number'],
      [4, "price is negative"],
      [5, "area is 0"],
      [6, 'status: "Думаем" is not a known status (free, unavailable, booked, sold)'],
      [7, "price: the cell holds the error #REF!"],
      [8, 'floor: "этаж" is not a number'],
      [9, "rooms: 2.5 is not a whole number"],
      [10, "flat A-9 is also on row 11"],
      [11, "flat A-9 is also on row 10"],
      [12, "number is empty"],
    ]);
  });

  it("rejects every row sharing a row key", async () => {
    const complex = await newComplex();
    const dry = await upload(
      complex.id,
      [
        "Код,Блок,Этаж,Номер,Комнат,Площадь,Цена",
        "K1,A,2,1,2,65,650000000",
        "K1,A,2,2,2,65,650000000",
        "K2,A,2,3,2,65,650000000",
      ].join("\n"),
    );
    expect(dry.counts).toMatchObject({ create: 1, rejected: 2 });
    expect((await lines(dry.id, "rejected")).map((l) => [l.row, l.reason])).toEqual([
      [2, "row key K1 is also on row 3"],
      [3, "row key K1 is also on row 2"],
    ]);
  });

  it("refuses a whole sheet with missing columns, no rows, or too many rows, saying why", async () => {
    const complex = await newComplex();
    const noPrice = await upload(complex.id, "Блок;Этаж;Номер;Комнат;Площадь\nA;2;1;2;65\n");
    expect(noPrice).toMatchObject({ status: "failed", error: "Columns not found: price" });
    const headerOnly = await upload(complex.id, csv());
    expect(headerOnly).toMatchObject({
      status: "failed",
      error: "The sheet has no rows under its header",
    });
    const blank = await upload(complex.id, "\n\n;;\n");
    expect(blank).toMatchObject({ status: "failed", error: "Row 1 (the header row) is empty" });
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `A;1;${(i % 30) + 1};${i + 1};2;65;650000000;`,
    );
    const huge = await upload(complex.id, csv(...rows));
    expect(huge).toMatchObject({
      status: "failed",
      error: "The sheet has 100000 rows; one import takes at most 20000",
    });
    expect(await ctx.db.apartment.count({ where: { complexId: complex.id } })).toBe(0);
  });

  it("reads Windows-1251 files separated by commas", async () => {
    const complex = await newComplex();
    const text =
      'Корпус,Этаж,Квартира,Комнат,Площадь,Стоимость,Статус\nБ,2,7,2,"65,5",650000000,Свободна\n';
    const bytes = Buffer.from(
      new Uint8Array(
        [...text].map((c) => {
          const code = c.charCodeAt(0);
          if (code < 128) return code;
          if (c === "Ё") return 0xa8;
          if (c === "ё") return 0xb8;
          return code - 0x410 + 0xc0;
        }),
      ),
    );
    const dry = await upload(complex.id, bytes);
    expect(dry.counts.create).toBe(1);
    await apply(dry.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    expect([flat.block, flat.number, flat.area]).toEqual(["Б", "7", 65.5]);
  });

  it("refuses other media types, empty and oversized files with 4xx, storing nothing", async () => {
    const complex = await newComplex();
    const runs = await ctx.db.importRun.count();
    const path = `/api/complexes/${complex.id}/import/upload?name=a.csv`;
    expect(
      (await as(admin).post(path).set("content-type", "application/json").send({ a: 1 })).status,
    ).toBe(415);
    expect(
      (await as(admin).post(path).set("content-type", "image/png").send(Buffer.from("x"))).status,
    ).toBe(415);
    expect(
      (await as(admin).post(path).set("content-type", "text/csv").send(Buffer.alloc(0))).status,
    ).toBe(400);
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, "a");
    expect((await as(admin).post(path).set("content-type", "text/csv").send(big)).status).toBe(413);
    const xlsxName = `/api/complexes/${complex.id}/import/upload?name=a.xlsx`;
    expect(
      (
        await as(admin)
          .post(xlsxName)
          .set("content-type", IMPORT_XLSX)
          .send(Buffer.from("not a zip"))
      ).status,
    ).toBe(415);
    expect(await ctx.db.importRun.count()).toBe(runs);
  });
});

const IMPORT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("import from an XLSX file", () => {
  it("reads formulas by their results, merged cells from their first cell, and rejects #REF!", async () => {
    const complex = await newComplex("USD");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Шахматка");
    sheet.addRow(["Blok", "Qavat", "Xonadon", "Xonalar soni", "Maydon", "Narxi", "Holati"]);
    sheet.addRow(["A", 2, 1, 2, 65, { formula: "65*1000", result: 65000 }, "Sotuvda"]);
    sheet.addRow([null, 2, 2, 2, 70, 70000, "sotuvda"]);
    sheet.addRow([null, 3, 3, 2, 70, { formula: "#REF!*2", result: { error: "#REF!" } }, null]);
    sheet.mergeCells("A2:A4");
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await upload(complex.id, bytes, "flats.xlsx", IMPORT_XLSX);
    expect(dry).toMatchObject({ status: "succeeded", source: "xlsx" });
    expect(dry.counts).toMatchObject({ create: 2, rejected: 1 });
    expect((await lines(dry.id, "rejected"))[0]).toMatchObject({
      row: 4,
      reason: "price: the cell holds the error #REF!",
    });
    await apply(dry.id);
    const flats = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: { number: "asc" },
    });
    expect(flats.map((f) => [f.block, f.number, Number(f.price), f.currency])).toEqual([
      ["A", "1", 65000_00, "USD"],
      ["A", "2", 70000_00, "USD"],
    ]);
  });
});

describe("import from Google Sheets", () => {
  const SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
  const put = (rows: FakeRows, merges: FakeMerges = []) =>
    fake.spreadsheets.set(SHEET_ID, {
      title: "ЖК Импорт",
      sheets: [
        { title: "Summary", rows: [["x"]] },
        { title: "Шахматка", rows, merges },
      ],
    });
  type FakeRows = (string | number | null)[][];
  type FakeMerges = NonNullable<
    Parameters<typeof fake.spreadsheets.set>[1]["sheets"][number]["merges"]
  >;

  it("links a sheet by URL, tests the connection, dry-runs and applies through the real client", async () => {
    const complex = await newComplex();
    put(
      [
        ["Шахматка ЖК"],
        ["ID", "Блок", "Этаж", "Номер", "Комнат", "Площадь", "Цена", "Валюта", "Статус"],
        ["r1", "A", 2, "1", 2, 65.5, 650000000, "сум", "свободна"],
        ["r2", null, 2, "2", 3, 80, "800 000 000", "UZS", ""],
        ["r3", "B", 3, "1", 1, 40, 50000, "USD", "Недоступна"],
      ],
      [{ startRowIndex: 2, endRowIndex: 4, startColumnIndex: 1, endColumnIndex: 2 }],
    );
    const link = {
      spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit#gid=0`,
      worksheet: "Шахматка",
      headerRow: 2,
    };
    const test = await as(admin).post(`/api/complexes/${complex.id}/import/test`).send(link);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      title: "ЖК Импорт",
      worksheets: ["Summary", "Шахматка"],
      worksheet: "Шахматка",
      missing: [],
      mapping: { key: "ID", block: "Блок", price: "Цена", currency: "Валюта", status: "Статус" },
    });
    // The API leaves trailing empty cells out, as Google does.
    expect(test.body.rows[1]).toEqual(["r2", "A", 2, "2", 3, 80, "800 000 000", "UZS"]);

    const linked = await as(admin).put(`/api/complexes/${complex.id}/import/source`).send(link);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      spreadsheetId: SHEET_ID,
      worksheet: "Шахматка",
      headerRow: 2,
    });
    // The credentials stay on the server: only whether they exist and whom to share with.
    expect(JSON.stringify(linked.body)).not.toContain("PRIVATE KEY");
    expect(linked.body.serviceAccountEmail).toBe(fake.config.credentials!.clientEmail);

    const started = await as(admin).post(`/api/complexes/${complex.id}/import/dry-run`);
    expect(started.status).toBe(202);
    const dry = await waitFor(started.body.id as number);
    expect(dry).toMatchObject({ status: "succeeded", source: "sheet" });
    expect(dry.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0, conflict: 0 });
    await apply(dry.id);
    const flats = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      orderBy: [{ block: "asc" }, { number: "asc" }],
    });
    expect(
      flats.map((f) => [f.sourceRowKey, f.block, f.number, Number(f.price), f.currency, f.status]),
    ).toEqual([
      ["r1", "A", "1", 650_000_000_00, "UZS", "FREE"],
      ["r2", "A", "2", 800_000_000_00, "UZS", "FREE"],
      ["r3", "B", "1", 50_000_00, "USD", "UNAVAILABLE"],
    ]);
    expect(fake.requests).toContain("POST /token");

    // The same sheet again: all unchanged.
    const second = await waitFor(
      (await as(admin).post(`/api/complexes/${complex.id}/import/dry-run`)).body.id,
    );
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0, conflict: 0 });

    // The head of sales reads the reports but changes nothing.
    expect(
      (await as(rop).get(`/api/complexes/${complex.id}/import/runs`)).body.items.length,
    ).toBeGreaterThanOrEqual(3);
    expect((await as(rop).get(`/api/import-runs/${dry.id}`)).status).toBe(200);
    expect((await as(rop).post(`/api/complexes/${complex.id}/import/dry-run`)).status).toBe(403);
    expect((await as(rop).post(`/api/import-runs/${second.id}/apply`)).status).toBe(403);
    expect((await request(app).get(`/api/import-runs/${dry.id}`)).status).toBe(401);
  });

  it("says what is wrong with a sheet it cannot read, as a 4xx", async () => {
    const complex = await newComplex();
    const path = `/api/complexes/${complex.id}/import/test`;
    const missing = await as(admin).post(path).send({ spreadsheet: "1NoSuchSpreadsheet000000000" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ path: "spreadsheet", code: "not_found" });
    put([["Номер"]]);
    const noTab = await as(admin)
      .post(path)
      .send({ spreadsheet: SHEET_ID, worksheet: "Нет такого" });
    expect(noTab.status).toBe(400);
    expect(noTab.body.errors[0]).toMatchObject({ path: "worksheet" });
    const notAnId = await as(admin).post(path).send({ spreadsheet: "hello world" });
    expect(notAnId.status).toBe(400);
    fake.failWith = 403;
    try {
      const denied = await as(admin).post(path).send({ spreadsheet: SHEET_ID });
      expect(denied.status).toBe(400);
      expect(denied.body.detail).toMatch(/share it/);
    } finally {
      fake.failWith = null;
    }
    // Without service-account credentials the server says so.
    const unconfigured = ctx.appWith({});
    const res = await request(unconfigured)
      .post(path)
      .set("authorization", `Bearer ${admin}`)
      .send({ spreadsheet: SHEET_ID });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/not configured/);
  });

  it("syncs on schedule when switched on; a failing sync keeps the flats and shows its error", async () => {
    const complex = await newComplex();
    put([
      ["Блок", "Этаж", "Номер", "Комнат", "Площадь", "Цена"],
      ["A", 2, "1", 2, 65, 650000000],
    ]);
    await as(admin)
      .put(`/api/complexes/${complex.id}/import/source`)
      .send({ spreadsheet: SHEET_ID, worksheet: "Шахматка", syncEnabled: true })
      .expect(200);
    const runSync = async () => {
      const job = await jobs.runNow("sync-google-sheet");
      const deadline = Date.now() + 20_000;
      for (;;) {
        for (const state of ["completed", "failed"] as const) {
          const found = (await jobs.list("sync-google-sheet", { state, limit: 200 })).find(
            (j) => j.id === job.id,
          );
          if (found) return found;
        }
        if (Date.now() > deadline) throw new Error("sync did not finish");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const first = await runSync();
    expect(first.state).toBe("completed");
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    expect(Number(flat.price)).toBe(650_000_000_00);
    const source = await as(admin).get(`/api/complexes/${complex.id}/import/source`);
    expect(source.body).toMatchObject({
      lastStatus: "succeeded",
      lastError: null,
      syncEnabled: true,
    });

    // Not due again until its interval has passed.
    put([
      ["Блок", "Этаж", "Номер", "Комнат", "Площадь", "Цена"],
      ["A", 2, "1", 2, 65, 700000000],
    ]);
    await runSync();
    expect(
      Number((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).price),
    ).toBe(650_000_000_00);

    await ctx.db.importSource.update({
      where: { complexId: complex.id },
      data: { lastSyncAt: new Date(0) },
    });
    fake.failWith = 403;
    try {
      await runSync();
    } finally {
      fake.failWith = null;
    }
    expect(
      Number((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).price),
    ).toBe(650_000_000_00);
    const failed = await as(admin).get(`/api/complexes/${complex.id}/import/source`);
    expect(failed.body).toMatchObject({ lastStatus: "failed" });
    expect(failed.body.lastError).toMatch(/share it/);

    await ctx.db.importSource.update({
      where: { complexId: complex.id },
      data: { lastSyncAt: new Date(0) },
    });
    await runSync();
    expect(
      Number((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).price),
    ).toBe(700_000_000_00);
    expect(
      (await as(admin).get(`/api/complexes/${complex.id}/import/source`)).body.lastStatus,
    ).toBe("succeeded");
  });
});
