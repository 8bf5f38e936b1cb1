import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type request from "supertest";
import { SAVED_FILTERS_PER_USER, type TLead } from "@crm/contracts";
import { waitFor } from "@crm/db/testing";
import {
  createInProcessJobs,
  jobRegistry,
  type InProcessJobs,
  type JobDefinition,
} from "@crm/jobs";
import { useTestContext } from "./harness";

const ctx = useTestContext();
jest.setTimeout(90_000);
let seq = 0;

const phone = () => {
  seq += 1;
  return `+99893${String(1_000_000 + seq * 37 + (process.pid % 997) * 1000).slice(-7)}`;
};

/** A lead as a person makes it, through the API (so its activity columns are the core's). */
async function createLead(agent: request.Agent, fields: Record<string, unknown> = {}) {
  const res = await agent
    .post("/api/leads")
    .send({ fullName: `Лид ${seq}`, phone: phone(), ...fields });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as TLead;
}

/** A region no other test uses: filters on it see only this test's leads. */
const region = () => `Регион ${process.pid}-${++seq}`;

const problem = (res: request.Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
};

describe("bulk actions on leads", () => {
  it("moves a seller's own leads and refuses, for that lead only, another seller's", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const first = await createLead(seller);
    const foreign = await createLead(other);
    const second = await createLead(seller);

    const res = await seller
      .post("/api/leads/bulk")
      .send({ action: "status", ids: [first.id, foreign.id, second.id], status: "IN_PROGRESS" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 2, refused: 1 });
    expect(res.body.results).toEqual([
      expect.objectContaining({ id: first.id, ok: true }),
      // Someone else's lead is "not found", as on its card: its existence is not revealed.
      {
        id: foreign.id,
        ok: false,
        code: "NOT_FOUND",
        title: "Not found",
        detail: "Lead not found",
      },
      expect.objectContaining({ id: second.id, ok: true }),
    ]);
    expect(res.body.results[0].lead).toMatchObject({ status: "IN_PROGRESS" });

    const rows = await ctx.db.lead.findMany({
      where: { id: { in: [first.id, foreign.id, second.id] } },
      select: { id: true, status: true },
      orderBy: { id: "asc" },
    });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [first.id]: "IN_PROGRESS",
      [foreign.id]: "NEW",
      [second.id]: "IN_PROGRESS",
    });
    // Audited exactly as a single status change is.
    const audited = await ctx.db.auditLog.findMany({
      where: {
        action: "lead.status",
        entityId: { in: [first.id, foreign.id, second.id].map(String) },
      },
    });
    expect(audited.map((row) => [row.entityId, row.actorId]).sort()).toEqual(
      [
        [String(first.id), user.id],
        [String(second.id), user.id],
      ].sort(),
    );
  });

  it("refuses a forbidden transition (a lead holding a flat) and an archived lead, and moves the rest", async () => {
    const { agent: mop } = await ctx.loginAs("MOP");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const free = await createLead(mop);
    const booked = await createLead(mop);
    const archived = await createLead(admin);
    // BOOKED follows from a hold; set here directly, as the booking would.
    await ctx.db.lead.update({ where: { id: booked.id }, data: { status: "BOOKED" } });
    expect((await admin.delete(`/api/leads/${archived.id}`)).status).toBe(204);

    const res = await mop.post("/api/leads/bulk").send({
      action: "status",
      ids: [booked.id, free.id, archived.id],
      status: "LOST",
      lostReason: "Купил в другом ЖК",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 1, refused: 2 });
    const [onBooked, onFree, onArchived] = res.body.results;
    expect(onBooked).toMatchObject({
      id: booked.id,
      ok: false,
      code: "CONFLICT",
      title: "Conflict",
    });
    expect(onBooked.detail).toMatch(/holds a flat/);
    expect(onFree).toMatchObject({ id: free.id, ok: true, lead: { status: "LOST" } });
    expect(onFree.lead.lostReason).toBe("Купил в другом ЖК");
    expect(onArchived).toMatchObject({ id: archived.id, ok: false, code: "NOT_FOUND" });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe(
      "BOOKED",
    );
  });

  it("reassigns a manager's selection, audited and notified per lead; a seller may not (403)", async () => {
    const { agent: mop, user: manager } = await ctx.loginAs("MOP");
    const { agent: seller } = await ctx.loginAs("SELLER");
    const target = await ctx.createUser({ role: "SELLER" });
    const a = await createLead(mop);
    const b = await createLead(seller);

    const refused = await seller
      .post("/api/leads/bulk")
      .send({ action: "reassign", ids: [b.id], ownerId: target.id });
    problem(refused, 403);

    const res = await mop
      .post("/api/leads/bulk")
      .send({ action: "reassign", ids: [a.id, b.id], ownerId: target.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 2, refused: 0 });
    const owners = await ctx.db.lead.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { ownerId: true },
    });
    expect(owners.map((row) => row.ownerId)).toEqual([target.id, target.id]);
    const audited = await ctx.db.auditLog.count({
      where: {
        action: "lead.owner",
        actorId: manager.id,
        entityId: { in: [String(a.id), String(b.id)] },
      },
    });
    expect(audited).toBe(2);
    expect(
      await ctx.db.notification.count({ where: { userId: target.id, kind: "lead.assigned" } }),
    ).toBe(2);

    // An owner who cannot own leads is refused once, before any lead changes.
    const { user: rop } = await ctx.loginAs("ROP");
    const wrongOwner = await mop
      .post("/api/leads/bulk")
      .send({ action: "reassign", ids: [a.id], ownerId: rop.id });
    problem(wrongOwner, 409);
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: a.id } })).ownerId).toBe(target.id);
  });

  it("answers 400 to more than 200 ids or a bad body, and changes nothing", async () => {
    const { agent: mop } = await ctx.loginAs("MOP");
    const lead = await createLead(mop);
    const before = await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    const ids = Array.from({ length: 201 }, (_, index) => lead.id + index);
    const bodies: unknown[] = [
      { action: "status", ids, status: "IN_PROGRESS" },
      { action: "status", ids: [], status: "IN_PROGRESS" },
      { action: "status", ids: [lead.id, lead.id], status: "IN_PROGRESS" },
      { action: "status", ids: [lead.id], status: "SOLD" },
      { action: "status", ids: [lead.id], status: "LOST" },
      { action: "status", ids: [lead.id, "x"], status: "IN_PROGRESS" },
      { action: "delete", ids: [lead.id] },
      { action: "reassign", ids: [lead.id] },
      { action: "status", ids: [lead.id], status: "MEETING", extra: 1 },
      { ids: [lead.id], status: "MEETING" },
    ];
    for (const body of bodies) {
      const res = await mop.post("/api/leads/bulk").send(body as object);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    const tooMany = await mop
      .post("/api/leads/bulk")
      .send({ action: "status", ids, status: "IN_PROGRESS" });
    expect(tooMany.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "ids" })]),
    );
    const after = await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after).toEqual(before);
  });
});

describe("saved filters", () => {
  it("keeps each user's filters to themselves: listed, applied and deleted by their owner only", async () => {
    const { agent: mine } = await ctx.loginAs("SELLER");
    const { agent: theirs } = await ctx.loginAs("MOP");
    const created = await mine
      .post("/api/saved-filters")
      .send({ scope: "leads", name: "  Новые с сайта ", query: "?status=NEW&source=WEBSITE" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scope: "leads",
      name: "Новые с сайта",
      query: "status=NEW&source=WEBSITE",
    });
    await theirs
      .post("/api/saved-filters")
      .send({ scope: "leads", name: "Новые с сайта", query: "" });

    const listed = await mine.get("/api/saved-filters").query({ scope: "leads" });
    expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual(["Новые с сайта"]);
    problem(await theirs.delete(`/api/saved-filters/${created.body.id}`), 404);
    expect(await ctx.db.savedFilter.count({ where: { id: created.body.id } })).toBe(1);
    expect((await mine.delete(`/api/saved-filters/${created.body.id}`)).status).toBe(204);
    expect(await ctx.db.savedFilter.count({ where: { id: created.body.id } })).toBe(0);
    problem(await mine.delete(`/api/saved-filters/${created.body.id}`), 404);
  });

  it("validates the name and query, refuses a duplicate name and more than the limit", async () => {
    const { agent, user } = await ctx.loginAs("ROP");
    for (const body of [
      { scope: "leads", name: "", query: "" },
      { scope: "leads", name: "x".repeat(61), query: "" },
      { scope: "leads", name: "a\u0000b", query: "" },
      { scope: "deals", name: "Сделки", query: "" },
      { scope: "leads", name: "Пробел", query: "q=a b" },
      { scope: "leads", name: "Длинный", query: "q=" + "a".repeat(2001) },
      { scope: "leads", query: "" },
    ]) {
      const res = await agent.post("/api/saved-filters").send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    problem(await agent.get("/api/saved-filters"), 400);
    expect(await ctx.db.savedFilter.count({ where: { userId: user.id } })).toBe(0);

    const ok = await agent
      .post("/api/saved-filters")
      .send({ scope: "leads", name: "x".repeat(60), query: "status=LOST" });
    expect(ok.status).toBe(201);
    problem(
      await agent
        .post("/api/saved-filters")
        .send({ scope: "leads", name: "x".repeat(60), query: "status=NEW" }),
      409,
    );
    for (let index = 1; index < SAVED_FILTERS_PER_USER; index++) {
      const res = await agent
        .post("/api/saved-filters")
        .send({ scope: "leads", name: `Фильтр ${index}`, query: `idleDays=${index}` });
      expect(res.status).toBe(201);
    }
    const over = await agent
      .post("/api/saved-filters")
      .send({ scope: "leads", name: "Лишний", query: "" });
    problem(over, 409);
    expect(over.body.detail).toMatch(/At most 30/);
    expect(await ctx.db.savedFilter.count({ where: { userId: user.id } })).toBe(
      SAVED_FILTERS_PER_USER,
    );
  });
});

describe("budget filter", () => {
  it("lists and counts the leads whose budget is in range, in the given currency", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const place = region();
    const make = (budget: number | null, budgetCurrency: "UZS" | "USD" | null) =>
      createLead(agent, { region: place, budget, budgetCurrency });
    const cheap = await make(100_000_000_00, "UZS");
    const middle = await make(300_000_000_00, "UZS");
    const dear = await make(900_000_000_00, "UZS");
    const dollars = await make(300_000_000_00, "USD");
    await make(null, null);

    const ids = async (query: Record<string, unknown>) => {
      const res = await agent.get("/api/leads").query({ region: place, ...query });
      expect(res.status).toBe(200);
      const count = await agent.get("/api/leads/count").query({ region: place, ...query });
      expect(count.body.total).toBe(res.body.items.length);
      return (res.body.items as TLead[]).map((lead) => lead.id).sort((a, b) => a - b);
    };
    expect(
      await ids({ budgetCurrency: "UZS", budgetMin: 100_000_000_00, budgetMax: 300_000_000_00 }),
    ).toEqual([cheap.id, middle.id]);
    expect(await ids({ budgetCurrency: "UZS", budgetMin: 300_000_000_01 })).toEqual([dear.id]);
    expect(await ids({ budgetCurrency: "USD" })).toEqual([dollars.id]);
    expect(await ids({ budgetCurrency: "UZS", budgetMax: 99_999_999_99 })).toEqual([]);
    // The selection filter (used to export a selection) narrows the same list.
    expect(await ids({ ids: `${dear.id},${dollars.id}` })).toEqual([dear.id, dollars.id]);
  });

  it("answers 400 to a range without a currency, an inverted range or a bad amount", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    for (const query of [
      { budgetMin: 1 },
      { budgetMax: 1 },
      { budgetCurrency: "UZS", budgetMin: 5, budgetMax: 4 },
      { budgetCurrency: "UZS", budgetMin: -1 },
      { budgetCurrency: "UZS", budgetMin: "1.5" },
      { budgetCurrency: "UZS", budgetMax: "abc" },
      { budgetCurrency: "EUR" },
      { ids: "1,1" },
      { ids: Array.from({ length: 201 }, (_, index) => index + 1).join(",") },
    ]) {
      for (const url of ["/api/leads", "/api/leads/count", "/api/leads/board-summary"]) {
        const res = await agent.get(url).query(query);
        expect({ url, query, status: res.status }).toEqual({ url, query, status: 400 });
      }
    }
  });
});

describe("last activity and next callback on the lead", () => {
  it("follows comments, callbacks and status changes, in the list as on the card", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const place = region();
    const lead = await createLead(agent, { region: place });
    expect(lead.lastActivityAt).toBe(lead.createdAt);
    expect(lead.nextCallbackAt).toBeNull();
    const read = async () => {
      const res = await agent.get("/api/leads").query({ region: place });
      const [listed] = res.body.items as TLead[];
      const card = (await agent.get(`/api/leads/${lead.id}`)).body as TLead;
      expect(listed).toEqual(card);
      return card;
    };

    const comment = await agent
      .post(`/api/leads/${lead.id}/comments`)
      .send({ body: "Перезвонить после обеда" });
    expect(comment.status).toBe(201);
    let now = await read();
    expect(now.lastActivityAt).toBe(comment.body.createdAt);
    // Bookkeeping is not an edit: the lead's "updated" time stays.
    expect(now.updatedAt).toBe(lead.updatedAt);

    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const sooner = new Date(Date.now() + 86_400_000).toISOString();
    const first = await agent.post(`/api/leads/${lead.id}/callbacks`).send({ dueAt: later });
    const second = await agent.post(`/api/leads/${lead.id}/callbacks`).send({ dueAt: sooner });
    now = await read();
    expect(now.nextCallbackAt).toBe(sooner);
    expect(now.lastActivityAt).toBe(second.body.createdAt);

    const done = await agent.patch(`/api/callbacks/${second.body.id}`).send({ isDone: true });
    expect(done.status).toBe(200);
    now = await read();
    expect(now.nextCallbackAt).toBe(later);
    expect(now.lastActivityAt).toBe(done.body.doneAt);

    expect((await agent.delete(`/api/callbacks/${first.body.id}`)).status).toBe(204);
    expect((await read()).nextCallbackAt).toBeNull();

    const moved = await agent.patch(`/api/leads/${lead.id}`).send({ status: "MEETING" });
    now = await read();
    expect(now.lastActivityAt).toBe(moved.body.statusChangedAt);

    // Deleting the latest activity takes the time back to the one before it.
    await ctx.db.lead.update({
      where: { id: lead.id },
      data: { statusChangedAt: new Date(lead.createdAt) },
    });
    const last = await agent.post(`/api/leads/${lead.id}/comments`).send({ body: "Последний" });
    expect((await read()).lastActivityAt).toBe(last.body.createdAt);
    expect((await agent.delete(`/api/comments/${last.body.id}`)).status).toBe(204);
    expect((await read()).lastActivityAt).toBe(done.body.doneAt);
  });
});

describe("board summary", () => {
  it("counts the leads and sums their budgets per status and currency, under the filters", async () => {
    const { agent: mop } = await ctx.loginAs("MOP");
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const place = region();
    const make = (
      agent: request.Agent,
      budget: number | null,
      budgetCurrency: "UZS" | "USD" | null,
      extra: Record<string, unknown> = {},
    ) => createLead(agent, { region: place, budget, budgetCurrency, ...extra });
    await make(mop, 100_000_000_00, "UZS");
    await make(mop, 5_000_00, "USD", { ownerId: user.id });
    const moving = await make(seller, 200_000_000_00, "UZS");
    const plain = await make(seller, null, null);
    // A budget entered without a currency is сум, as the card shows it.
    const bare = await make(mop, 50_000_00, null);
    for (const lead of [moving, plain, bare]) {
      await mop.patch(`/api/leads/${lead.id}`).send({ status: "IN_PROGRESS" });
    }

    const all = await mop.get("/api/leads/board-summary").query({ region: place });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      columns: [
        {
          status: "NEW",
          count: 2,
          budgets: [
            { currency: "UZS", total: 100_000_000_00 },
            { currency: "USD", total: 5_000_00 },
          ],
        },
        {
          status: "IN_PROGRESS",
          count: 3,
          budgets: [{ currency: "UZS", total: 200_000_000_00 + 50_000_00 }],
        },
      ],
    });
    // The list's count agrees column by column.
    for (const column of all.body.columns) {
      const count = await mop
        .get("/api/leads/count")
        .query({ region: place, status: column.status });
      expect(count.body.total).toBe(column.count);
    }

    // A seller's board holds only their own leads; filters narrow it like the list.
    const own = await seller.get("/api/leads/board-summary").query({ region: place });
    expect(own.body.columns).toEqual([
      { status: "NEW", count: 1, budgets: [{ currency: "USD", total: 5_000_00 }] },
      {
        status: "IN_PROGRESS",
        count: 2,
        budgets: [{ currency: "UZS", total: 200_000_000_00 }],
      },
    ]);
    const narrowed = await mop
      .get("/api/leads/board-summary")
      .query({ region: place, status: "NEW", budgetCurrency: "USD" });
    expect(narrowed.body.columns).toEqual([
      { status: "NEW", count: 1, budgets: [{ currency: "USD", total: 5_000_00 }] },
    ]);
    problem(
      await seller.get("/api/leads/board-summary").query({ region: place, archived: "include" }),
      403,
    );
  });
});

describe("export of a selection", () => {
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-selection-"));
  let jobs: InProcessJobs;
  beforeAll(() => {
    jobs = createInProcessJobs({
      db: ctx.db,
      reader: ctx.deps.reader,
      logger: pino({ level: "silent" }),
      exportDir,
      definitions: [jobRegistry["generate-export"] as JobDefinition],
      schedules: [],
      pollMs: 25,
    });
    jobs.start();
  });
  afterAll(async () => {
    await jobs.close({ deadlineMs: 1_000 });
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it("writes only the selected leads the user may see (the leads export's ids filter)", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const picked = await createLead(seller);
    await createLead(seller);
    const foreign = await createLead(other);

    const created = await seller
      .post("/api/exports")
      .send({ kind: "leads", format: "csv", params: { ids: [picked.id, foreign.id] } });
    expect(created.status).toBe(202);
    const ready = await waitFor(`export ${created.body.id}`, async () => {
      const res = await seller.get(`/api/exports/${created.body.id}`);
      if (res.body.status === "failed") throw new Error(res.body.error);
      return res.body.status === "ready" ? res.body : null;
    });
    expect(ready.rows).toBe(1);
    const file = await seller.get(`/api/exports/${created.body.id}/file`).buffer(true);
    const lines = file.text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split(/[;,]/)[0]).toBe(String(picked.id));

    problem(
      await seller
        .post("/api/exports")
        .send({ kind: "leads", params: { ids: Array.from({ length: 201 }, (_, i) => i + 1) } }),
      400,
    );
  });
});

describe("migration lead_activity_saved_filters", () => {
  it("backfills last activity and next callback from the rows already there", async () => {
    const provider = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
    const folder = path.resolve(__dirname, "../../../prisma/migrations", provider);
    const name = fs
      .readdirSync(folder)
      .find((entry) => entry.endsWith("_lead_activity_saved_filters"));
    const sql = fs.readFileSync(path.join(folder, name!, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf('UPDATE "Lead"'));

    const at = (day: number) => new Date(Date.UTC(2026, 0, day, 9));
    // Rows as they were before the columns existed (written straight, so the core kept nothing).
    const lead = await ctx.db.lead.create({
      data: { fullName: "Старый лид", phone: phone(), createdAt: at(1), statusChangedAt: at(3) },
    });
    const quiet = await ctx.db.lead.create({
      data: { fullName: "Тихий лид", phone: phone(), createdAt: at(2), statusChangedAt: at(2) },
    });
    const { user } = await ctx.loginAs("SELLER");
    await ctx.db.comment.create({ data: { leadId: lead.id, body: "…", createdAt: at(5) } });
    await ctx.db.callback.createMany({
      data: [
        { leadId: lead.id, userId: user.id, dueAt: at(20), createdAt: at(4) },
        {
          leadId: lead.id,
          userId: user.id,
          dueAt: at(10),
          createdAt: at(4),
          isDone: true,
          doneAt: at(7),
        },
        { leadId: lead.id, userId: user.id, dueAt: at(15), createdAt: at(6) },
      ],
    });
    await ctx.db.$executeRawUnsafe(backfill);

    const rows = await ctx.db.lead.findMany({
      where: { id: { in: [lead.id, quiet.id] } },
      select: { id: true, lastActivityAt: true, nextCallbackAt: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: lead.id, lastActivityAt: at(7), nextCallbackAt: at(15) },
      { id: quiet.id, lastActivityAt: at(2), nextCallbackAt: null },
    ]);
  });
});
