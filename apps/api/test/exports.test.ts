import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import pino from "pino";
import type request from "supertest";
import { EXPORT_KINDS, ROLE_CODES, type TExport, type TExportKind } from "@crm/contracts";
import { waitFor } from "@crm/db/testing";
import {
  createInProcessJobs,
  jobRegistry,
  type InProcessJobs,
  type JobDefinition,
} from "@crm/jobs";
import { useTestContext } from "./harness";

const ctx = useTestContext();
// Jobs run in these tests; PostgreSQL on a shared machine takes its time.
jest.setTimeout(90_000);
const logger = pino({ level: "silent" });
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-exports-"));
let jobs: InProcessJobs;
let seq = 0;

beforeAll(() => {
  jobs = createInProcessJobs({
    db: ctx.db,
    reader: ctx.deps.reader,
    logger,
    exportDir,
    definitions: [
      jobRegistry["generate-export"] as JobDefinition,
      jobRegistry["purge-exports"] as JobDefinition,
    ],
    schedules: [],
    pollMs: 25,
  });
  jobs.start();
});
afterAll(async () => {
  await jobs.close({ deadlineMs: 1_000 });
  fs.rmSync(exportDir, { recursive: true, force: true });
});

const phone = () => {
  seq += 1;
  return `+99897${String(1_000_000 + seq + (process.pid % 500) * 1000).slice(-7)}`;
};

async function lead(
  ownerId: number | null,
  data: {
    status?: "NEW" | "LOST";
    fullName?: string;
    lastActivityAt?: Date;
    nextCallbackAt?: Date;
  } = {},
) {
  return ctx.db.lead.create({
    data: {
      lastActivityAt: data.lastActivityAt ?? null,
      nextCallbackAt: data.nextCallbackAt ?? null,
      fullName: data.fullName ?? `Экспорт ${seq}`,
      phone: phone(),
      ownerId,
      status: data.status ?? "NEW",
      budget: 120_000_000n,
      budgetCurrency: "UZS",
    },
  });
}

/** Asks for an export and waits until the job has written it. */
async function exportReady(
  agent: request.Agent,
  body: { kind: TExportKind; format?: "xlsx" | "csv"; params?: Record<string, unknown> },
): Promise<TExport> {
  const created = await agent.post("/api/exports").send(body);
  expect(created.status).toBe(202);
  expect(created.body).toMatchObject({ kind: body.kind, status: "queued", progress: 0 });
  return waitFor(`export ${created.body.id}`, async () => {
    const res = await agent.get(`/api/exports/${created.body.id}`);
    if (res.body.status === "failed") throw new Error(`export failed: ${res.body.error}`);
    return res.body.status === "ready" ? (res.body as TExport) : null;
  });
}

/** The file's bytes as they came. */
async function download(agent: request.Agent, id: number) {
  return agent
    .get(`/api/exports/${id}/file`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => callback(null, Buffer.concat(chunks)));
    });
}

async function workbook(agent: request.Agent, id: number) {
  const res = await download(agent, id);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
  return { book, res };
}

async function complexWithFlats() {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК Выгрузка ${seq}`, slug: `export-${process.pid}-${seq}`, city: "Ташкент" },
  });
  const flats = [
    { block: "A", floor: 1, number: "1", status: "FREE" as const },
    { block: "A", floor: 1, number: "2", status: "SOLD" as const },
    { block: "A", floor: 2, number: "3", status: "BOOKED" as const },
    { block: "B", floor: 1, number: "1", status: "UNAVAILABLE" as const },
  ];
  for (const flat of flats) {
    await ctx.db.apartment.create({
      data: { complexId: complex.id, ...flat, rooms: 2, area: 52.5, price: 65_000_000_00n },
    });
  }
  return complex;
}

describe("exports", () => {
  it("exports the leads list with its filters, a seller's holding only their own leads", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const other = await ctx.createUser({ role: "SELLER" });
    const callbackAt = new Date("2026-12-03T09:30:00Z");
    const activeAt = new Date("2026-11-30T12:00:00Z");
    const mine = await lead(user.id, {
      fullName: "Мой Новый",
      lastActivityAt: activeAt,
      nextCallbackAt: callbackAt,
    });
    await lead(user.id, { status: "LOST", fullName: "Мой Потерянный" });
    await lead(other.id, { fullName: "Чужой Новый" });
    await lead(null, { fullName: "Ничей Новый" });

    const done = await exportReady(seller, { kind: "leads", params: { status: ["NEW"] } });
    expect(done).toMatchObject({ progress: 100, rows: 1, format: "xlsx" });
    expect(done.fileName).toMatch(/^leads-\d{4}-\d{2}-\d{2}-\d{4}\.xlsx$/);
    const { book, res } = await workbook(seller, done.id);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="${done.fileName}"; filename*=UTF-8''${done.fileName}`,
    );
    const sheet = book.getWorksheet("Лиды")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(28);
    expect(sheet.getRow(1).getCell(2).value).toBe("ФИО");
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(mine.id);
    expect(row.getCell(2).value).toBe("Мой Новый");
    expect(row.getCell(9).value).toBe(1_200_000);
    expect(row.getCell(9).numFmt).toBe('#,##0.00 "UZS"');
    expect(row.getCell(10).value).toBe("UZS");
    expect(row.getCell(11).value).toBeInstanceOf(Date);
    // Written in Tashkent time (UTC+5), as the office reads it.
    expect((row.getCell(11).value as Date).getTime()).toBe(
      mine.createdAt.getTime() + 5 * 3_600_000,
    );
    // The list's activity columns, in the same office time.
    expect(sheet.getRow(1).getCell(13).value).toBe("Последняя активность");
    expect((row.getCell(13).value as Date).getTime()).toBe(activeAt.getTime() + 5 * 3_600_000);
    expect(sheet.getRow(1).getCell(14).value).toBe("Следующий звонок");
    expect((row.getCell(14).value as Date).getTime()).toBe(callbackAt.getTime() + 5 * 3_600_000);

    // Taking data out is on the record: who, which report, which filters.
    const audited = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "export.create", entityId: String(done.id) },
    });
    expect(audited.actorId).toBe(user.id);
    expect(JSON.parse(audited.after!)).toMatchObject({
      kind: "leads",
      format: "xlsx",
      params: { status: ["NEW"] },
    });

    // The owner is told the file is ready (and emailed, if they chose so).
    const told = await ctx.db.notification.findFirst({
      where: { userId: user.id, kind: "export.ready" },
    });
    expect(JSON.parse(told!.payload)).toEqual({ exportId: done.id, fileName: done.fileName });

    // A manager's export of the same filter holds everyone's new leads.
    const { agent: mop } = await ctx.loginAs("MOP");
    const all = await exportReady(mop, { kind: "leads", params: { status: ["NEW"] } });
    const names: unknown[] = [];
    const { book: team } = await workbook(mop, all.id);
    team.getWorksheet("Лиды")!.eachRow((r, n) => n > 1 && names.push(r.getCell(2).value));
    expect(names).toEqual(expect.arrayContaining(["Мой Новый", "Чужой Новый", "Ничей Новый"]));
    expect(names).not.toContain("Мой Потерянный");
  });

  it("writes CSV as UTF-8 with a BOM and the configured separator", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    await lead(user.id, { fullName: "Точка; Запятая" });
    const done = await exportReady(agent, { kind: "leads", format: "csv" });
    const res = await download(agent, done.id);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const text = (res.body as Buffer).toString("utf8");
    expect(text.startsWith("\uFEFFID;ФИО;Телефон;Статус")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Точка; Запятая"');
    expect(lines[1]).toContain(";1200000,00;UZS;");

    await ctx.db.setting.upsert({
      where: { key: "exports.csvDelimiter" },
      create: { key: "exports.csvDelimiter", value: "," },
      update: { value: "," },
    });
    try {
      const comma = await exportReady(agent, { kind: "leads", format: "csv" });
      const body = ((await download(agent, comma.id)).body as Buffer).toString("utf8");
      expect(body.split("\r\n")[1]).toContain(",1200000.00,UZS,");
    } finally {
      await ctx.db.setting.delete({ where: { key: "exports.csvDelimiter" } });
    }
  });

  it("produces every report kind with numbers, money, dates and the шахматка's colours", async () => {
    const { agent: admin, user } = await ctx.loginAs("ADMIN");
    const complex = await complexWithFlats();
    const buyer = await lead(user.id, { fullName: "Покупатель Отчётов" });
    const flat = await ctx.db.apartment.findFirstOrThrow({
      where: { complexId: complex.id, status: "SOLD" },
    });
    const contract = await ctx.db.contract.create({
      data: {
        number: `R-${process.pid}-${seq}`,
        leadId: buyer.id,
        apartmentId: flat.id,
        price: 95_000_00n,
        listPrice: 100_000_00n,
        currency: "USD",
        status: "SIGNED",
        signedAt: new Date(Date.now() - 40 * 86_400_000),
      },
    });
    const payment = await ctx.db.payment.create({
      data: {
        leadId: buyer.id,
        contractId: contract.id,
        seq: 1,
        amount: 10_000_00n,
        paidAmount: 2_500_00n,
        currency: "USD",
        dueDate: new Date(Date.now() - 10 * 86_400_000),
        status: "OVERDUE",
      },
    });
    await ctx.db.paymentReceipt.create({
      data: {
        number: `Q-${seq}`,
        paymentId: payment.id,
        contractId: contract.id,
        amount: 2_500_00n,
        currency: "USD",
        method: "CASH",
        paidAt: new Date(Date.now() - 3_600_000),
      },
    });

    const grid = await exportReady(admin, { kind: "grid", params: { complexId: complex.id } });
    const { book: gridBook } = await workbook(admin, grid.id);
    expect(gridBook.worksheets.map((sheet) => sheet.name)).toEqual(["Блок A", "Блок B", "Легенда"]);
    const blockA = gridBook.getWorksheet("Блок A")!;
    // Top floor first, as drawn; flats side by side, coloured by status.
    expect(blockA.getRow(2).getCell(1).value).toBe(2);
    expect(blockA.getRow(3).getCell(3).value).toBe("№2 · 2к · 52.5 м²");
    const fill = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(blockA.getRow(3).getCell(2))).toBe("FFC6EFCE"); // FREE
    expect(fill(blockA.getRow(3).getCell(3))).toBe("FFFFC7CE"); // SOLD
    expect(fill(blockA.getRow(2).getCell(2))).toBe("FFFFEB9C"); // BOOKED
    expect(blockA.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const deals = await exportReady(admin, { kind: "deals" });
    const dealSheet = (await workbook(admin, deals.id)).book.getWorksheet("Договоры")!;
    const dealRow = [...Array(dealSheet.rowCount).keys()]
      .map((i) => dealSheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === contract.number)!;
    expect(dealRow.getCell(9).value).toBe(95_000);
    expect(dealRow.getCell(9).numFmt).toBe('#,##0.00 "USD"');
    expect(dealRow.getCell(10).value).toBe(5);
    expect(dealRow.getCell(16).value).toBe(2_500);
    expect(dealRow.getCell(17).value).toBe(7_500);
    expect(dealRow.getCell(19).value).toBeInstanceOf(Date);

    const payments = await exportReady(admin, {
      kind: "payments",
      params: { from: new Date(Date.now() - 86_400_000).toISOString() },
    });
    const paySheet = (await workbook(admin, payments.id)).book.getWorksheet("Поступления")!;
    const payRow = [...Array(paySheet.rowCount).keys()]
      .map((i) => paySheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === `Q-${seq}`)!;
    expect(payRow.getCell(2).value).toBeInstanceOf(Date);
    expect(payRow.getCell(5).value).toBe(complex.name);
    expect(payRow.getCell(6).value).toBe(2_500);
    expect(payRow.getCell(6).numFmt).toBe('#,##0.00 "USD"');

    const overdue = await exportReady(admin, { kind: "overdue" });
    const lateSheet = (await workbook(admin, overdue.id)).book.getWorksheet("Просрочка")!;
    const lateRow = [...Array(lateSheet.rowCount).keys()]
      .map((i) => lateSheet.getRow(i + 1))
      .find((r) => r.getCell(2).value === contract.number)!;
    expect(String(lateRow.getCell(1).value)).toMatch(/^First\d+ Last\d+$/);
    expect(lateRow.getCell(6).value).toBeInstanceOf(Date);
    expect(lateRow.getCell(7).value).toBe(10);
    expect(lateRow.getCell(10).value).toBe(7_500);

    const sales = await exportReady(admin, { kind: "sales", params: { complexId: undefined } });
    const salesBook = (await workbook(admin, sales.id)).book;
    expect(salesBook.worksheets.map((sheet) => sheet.name)).toEqual([
      "По продавцам",
      "По источникам",
      "По ЖК",
      "Воронка",
    ]);
    const bySeller = salesBook.getWorksheet("По продавцам")!;
    expect(typeof bySeller.getRow(2).getCell(2).value).toBe("number");
    expect(bySeller.getRow(2).getCell(4).numFmt).toBe("0.0%");
  });

  it("exports the back office: expenses with their filters, a month's timesheet", async () => {
    const { agent: admin, user } = await ctx.loginAs("ADMIN");
    const category = await ctx.db.expenseCategory.create({
      data: { name: `Реклама ${process.pid}-${(seq += 1)}` },
    });
    const expense = await ctx.db.expense.create({
      data: {
        categoryId: category.id,
        amount: 1_250_000_00n,
        currency: "UZS",
        spentOn: "2026-11-05",
        source: "INSTAGRAM",
        note: "Таргет",
        userId: user.id,
      },
    });
    // Another category's expense stays out of a filtered export.
    const other = await ctx.db.expenseCategory.create({ data: { name: `Аренда ${seq}` } });
    await ctx.db.expense.create({
      data: { categoryId: other.id, amount: 1n, currency: "USD", spentOn: "2026-11-06" },
    });
    const expenses = await exportReady(admin, {
      kind: "expenses",
      params: { categoryId: category.id },
    });
    const sheet = (await workbook(admin, expenses.id)).book.getWorksheet("Расходы")!;
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBeInstanceOf(Date);
    expect(row.getCell(2).value).toBe(category.name);
    expect(row.getCell(3).value).toBe(1_250_000);
    expect(row.getCell(3).numFmt).toBe('#,##0.00 "UZS"');
    expect(row.getCell(6).value).toBe("INSTAGRAM");
    expect(expense.id).toBeGreaterThan(0);

    const mop = await ctx.createUser({ role: "MOP" });
    await ctx.db.attendance.create({
      data: {
        userId: mop.id,
        day: "2026-11-10",
        checkIn: new Date("2026-11-10T04:20:00Z"),
        checkOut: new Date("2026-11-10T13:20:00Z"),
        lateMinutes: 10,
      },
    });
    const attendance = await exportReady(admin, {
      kind: "attendance",
      params: { month: "2026-11", userId: mop.id },
    });
    const book = (await workbook(admin, attendance.id)).book;
    expect(book.worksheets.map((ws) => ws.name)).toEqual(["2026-11", "По дням"]);
    const month = book.getWorksheet("2026-11")!.getRow(2);
    expect(month.getCell(3).value).toBe(1);
    expect(month.getCell(4).value).toBe(9);
    expect(month.getCell(5).value).toBe(1);
    const day = book.getWorksheet("По дням")!.getRow(2);
    expect(day.getCell(3).value).toBeInstanceOf(Date);
    expect(day.getCell(6).value).toBe(9);
    expect(day.getCell(7).value).toBe(10);

    // A seller may export neither; a bad month is a 400 and records nothing.
    const { agent: seller } = await ctx.loginAs("SELLER");
    expect((await seller.post("/api/exports").send({ kind: "expenses" })).status).toBe(403);
    const before = await ctx.db.export.count();
    const bad = await admin
      .post("/api/exports")
      .send({ kind: "attendance", params: { month: "11-2026" } });
    expect(bad.status).toBe(400);
    expect(await ctx.db.export.count()).toBe(before);
  });

  it("lets only the owner see and download an export; not ready is 409, expired is 410", async () => {
    const { agent: owner, user } = await ctx.loginAs("MOP");
    const { agent: stranger } = await ctx.loginAs("MOP");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const done = await exportReady(owner, { kind: "overdue" });
    for (const agent of [stranger, admin]) {
      expect((await agent.get(`/api/exports/${done.id}`)).status).toBe(404);
      expect((await download(agent, done.id)).status).toBe(404);
      expect((await agent.get("/api/exports")).body.items.map((e: TExport) => e.id)).not.toContain(
        done.id,
      );
    }
    expect((await owner.get("/api/exports")).body.items[0]).toMatchObject({ id: done.id });

    const waiting = await ctx.db.export.create({
      data: { userId: user.id, kind: "overdue", format: "xlsx", params: "{}" },
    });
    const notReady = await download(owner, waiting.id);
    expect(notReady.status).toBe(409);

    await ctx.db.export.update({
      where: { id: done.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const expired = await download(owner, done.id);
    expect(expired.status).toBe(410);
    expect(expired.headers["content-type"]).toContain("application/problem+json");

    // The scheduled purge removes the file and marks the export expired.
    const file = (await ctx.db.export.findUniqueOrThrow({ where: { id: done.id } })).filePath!;
    expect(fs.existsSync(file)).toBe(true);
    const run = await jobs.enqueue("purge-exports", {});
    await waitFor("the purge", async () => {
      const row = await ctx.db.jobRun.findUniqueOrThrow({ where: { id: Number(run.id) } });
      return row.state === "completed" ? row : null;
    });
    expect(fs.existsSync(file)).toBe(false);
    expect((await owner.get(`/api/exports/${done.id}`)).body.status).toBe("expired");
    expect((await download(owner, done.id)).status).toBe(410);
  });

  it("refuses what the role may not see, before writing anything", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const before = await ctx.db.export.count();
    const auditsBefore = await ctx.db.auditLog.count();
    const archived = await seller
      .post("/api/exports")
      .send({ kind: "leads", params: { archived: "include" } });
    expect(archived.status).toBe(403);
    const missing = await seller
      .post("/api/exports")
      .send({ kind: "grid", params: { complexId: 2_000_000_000 } });
    expect(missing.status).toBe(404);
    const badParams = await seller.post("/api/exports").send({ kind: "grid", params: {} });
    expect(badParams.status).toBe(400);
    const badFormat = await seller.post("/api/exports").send({ kind: "leads", format: "pdf" });
    expect(badFormat.status).toBe(400);
    expect(await ctx.db.export.count()).toBe(before);
    expect(await ctx.db.auditLog.count()).toBe(auditsBefore);
  });

  it("allows each report kind to the roles of its page and refuses it (403) to the others", async () => {
    const complex = await complexWithFlats();
    // prettier-ignore
    const EXPECTED: Record<TExportKind, string> = {
      //          ADMIN SELLER MOP ROP FINANCIER
      leads:    "A A A A A",
      sales:    "A A A A _",
      deals:    "A A A A A",
      payments: "A _ A A A",
      overdue:  "A _ A A A",
      grid:     "A A A A A",
      expenses: "A _ _ A A",
      attendance: "A _ A _ _",
    };
    expect(Object.keys(EXPECTED).sort()).toEqual([...EXPORT_KINDS].sort());
    const PARAMS: Partial<Record<TExportKind, object>> = {
      grid: { complexId: complex.id },
      attendance: { month: "2026-11" },
    };
    const accepted: number[] = [];
    for (const [index, role] of ROLE_CODES.entries()) {
      const { agent } = await ctx.loginAs(role);
      for (const kind of EXPORT_KINDS) {
        const allowed = EXPECTED[kind].split(" ")[index] === "A";
        const res = await agent.post("/api/exports").send({ kind, params: PARAMS[kind] ?? {} });
        expect({ role, kind, status: res.status }).toEqual({
          role,
          kind,
          status: allowed ? 202 : 403,
        });
        if (res.status === 202) accepted.push(res.body.id as number);
      }
    }
    // Every accepted request is written (none is left running when the file's database closes).
    await waitFor(
      "every export to finish",
      async () =>
        (await ctx.db.export.count({
          where: { id: { in: accepted }, status: { in: ["queued", "running"] } },
        })) === 0,
      60_000,
    );
    expect(await ctx.db.export.count({ where: { id: { in: accepted }, status: "ready" } })).toBe(
      accepted.length,
    );
  });
});
