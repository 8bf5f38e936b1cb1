import { Prisma, type LeadSource, type LeadStatus } from "@crm/db";
import { stats } from "@crm/core";
import { testProvider } from "./databases";
import { useTestContext, type TestUser } from "./harness";

const ctx = useTestContext();

let sellerA: TestUser;
let sellerB: TestUser;
let complexId: number;
let phone = 0;

async function lead(
  ownerId: number | null,
  status: LeadStatus,
  source: LeadSource,
  createdAt: string,
  withComplex = false,
) {
  phone += 1;
  await ctx.db.lead.create({
    data: {
      fullName: `Stat ${phone}`,
      phone: `+99895${String(1_000_000 + phone).slice(-7)}`,
      ownerId,
      status,
      source,
      createdAt: new Date(createdAt),
      complexId: withComplex ? complexId : null,
    },
  });
}

beforeAll(async () => {
  sellerA = await ctx.createUser({ role: "SELLER" });
  sellerB = await ctx.createUser({ role: "SELLER" });
  complexId = (
    await ctx.db.complex.create({ data: { name: "ЖК Тест", slug: "stats-test", city: "Tashkent" } })
  ).id;
  // Seller A: 4 leads, 2 sold. Seller B: 2 leads, 0 sold. Unassigned: 1 sold.
  await lead(sellerA.id, "SOLD", "INSTAGRAM", "2026-01-05T10:00:00Z", true);
  await lead(sellerA.id, "SOLD", "TELEGRAM", "2026-01-20T10:00:00Z", true);
  await lead(sellerA.id, "NEW", "INSTAGRAM", "2026-02-02T10:00:00Z");
  await lead(sellerA.id, "LOST", "INSTAGRAM", "2026-02-03T10:00:00Z");
  await lead(sellerB.id, "MEETING", "LANDING", "2026-02-03T20:30:00Z"); // 4 Feb in Tashkent
  await lead(sellerB.id, "IN_PROGRESS", "LANDING", "2026-03-01T10:00:00Z");
  await lead(null, "SOLD", "TELEGRAM", "2026-03-02T10:00:00Z");
});

describe("lead statistics", () => {
  it("computes conversion, the funnel and breakdowns for the team", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const res = await agent.get("/api/stats/leads");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(7);
    expect(res.body.sold).toBe(3);
    expect(res.body.conversionRate).toBeCloseTo(3 / 7);
    expect(res.body.funnel).toEqual([
      { status: "NEW", count: 1 },
      { status: "IN_PROGRESS", count: 1 },
      { status: "MEETING", count: 1 },
      { status: "BOOKED", count: 0 },
      { status: "SOLD", count: 3 },
      { status: "LOST", count: 1 },
    ]);
    const a = res.body.bySeller.find((row: { ownerId: number }) => row.ownerId === sellerA.id);
    expect(a).toMatchObject({
      total: 4,
      sold: 2,
      conversionRate: 0.5,
      name: expect.stringMatching(/First/),
    });
    expect(
      res.body.bySeller.find((row: { ownerId: number }) => row.ownerId === sellerB.id),
    ).toMatchObject({ total: 2, sold: 0, conversionRate: 0 });
    expect(
      res.body.bySeller.find((row: { ownerId: number | null }) => row.ownerId === null),
    ).toMatchObject({ total: 1, sold: 1 });
    expect(res.body.bySource).toEqual(
      expect.arrayContaining([
        { source: "INSTAGRAM", total: 3, sold: 1, conversionRate: 1 / 3 },
        { source: "TELEGRAM", total: 2, sold: 2, conversionRate: 1 },
        { source: "LANDING", total: 2, sold: 0, conversionRate: 0 },
      ]),
    );
    expect(res.body.byComplex).toEqual(
      expect.arrayContaining([
        { complexId, name: "ЖК Тест", total: 2, sold: 2, conversionRate: 1 },
      ]),
    );
  });

  it("answers 0 conversion when there are no leads in the period", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const res = await agent.get("/api/stats/leads?from=2030-01-01T00:00:00Z");
    expect(res.body).toMatchObject({ total: 0, sold: 0, conversionRate: 0, bySeller: [] });
  });

  it("filters by period", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const res = await agent.get(
      "/api/stats/leads?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z",
    );
    expect(res.body).toMatchObject({ total: 3, sold: 0 });
  });

  it("gives a seller their own figures only", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const mine = await agent.get(`/api/stats/leads?ownerId=${sellerA.id}`);
    expect(mine.body.total).toBe(0);
    const res = await agent.get("/api/stats/leads/periods");
    expect(res.body.items).toEqual([]);
  });

  it("groups new and sold leads by month, week and day in Tashkent time", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const month = await agent.get("/api/stats/leads/periods?period=month");
    expect(month.status).toBe(200);
    expect(month.body.items).toEqual([
      { period: "2026-01", total: 2, sold: 2, conversionRate: 1 },
      { period: "2026-02", total: 3, sold: 0, conversionRate: 0 },
      { period: "2026-03", total: 2, sold: 1, conversionRate: 0.5 },
    ]);
    const day = await agent.get(
      "/api/stats/leads/periods?period=day&from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z",
    );
    expect(
      day.body.items.map((row: { period: string; total: number }) => [row.period, row.total]),
    ).toEqual([
      ["2026-02-02", 1],
      ["2026-02-03", 1],
      ["2026-02-04", 1],
    ]);
    const week = await agent.get(
      "/api/stats/leads/periods?period=week&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
    );
    // 5 Jan 2026 is a Monday; 20 Jan is in the week of Monday 19 Jan.
    expect(week.body.items.map((row: { period: string }) => row.period)).toEqual([
      "2026-01-05",
      "2026-01-19",
    ]);
    const utc = await agent.get(
      "/api/stats/leads/periods?period=day&tzOffset=0&from=2026-02-03T00:00:00Z&to=2026-02-04T00:00:00Z",
    );
    expect(utc.body.items).toEqual([
      { period: "2026-02-03", total: 2, sold: 0, conversionRate: 0 },
    ]);
  });
});

describe("lead counts kept by the database", () => {
  /**
   * The counts (the folded rows plus the changes not folded yet) beside a GROUP BY over the
   * leads themselves, both without zero rows.
   */
  async function countsAndTruth() {
    const counts = await ctx.deps.reader.all<Record<string, unknown>>(Prisma.sql`
      SELECT "status", "ownerKey" AS "owner", "source", "complexKey" AS "complex", SUM("n") AS "n"
      FROM (SELECT "status", "ownerKey", "source", "complexKey", "n" FROM "LeadCount"
            UNION ALL
            SELECT "status", "ownerKey", "source", "complexKey", "n" FROM "LeadCountDelta") AS "c"
      GROUP BY "status", "ownerKey", "source", "complexKey" HAVING SUM("n") <> 0`);
    const truth = await ctx.deps.reader.all<Record<string, unknown>>(Prisma.sql`
      SELECT "status", COALESCE("ownerId", 0) AS "owner", "source",
             COALESCE("complexId", 0) AS "complex", COUNT(*) AS "n"
      FROM "Lead" WHERE "archivedAt" IS NULL
      GROUP BY "status", COALESCE("ownerId", 0), "source", COALESCE("complexId", 0)`);
    const key = (row: Record<string, unknown>) =>
      `${String(row.status)}|${Number(row.owner)}|${String(row.source)}|${Number(row.complex)}=${Number(row.n)}`;
    return { counts: counts.map(key).sort(), truth: truth.map(key).sort() };
  }

  it("follow every kind of write to a lead: API, bulk, archive, restore, direct SQL, deleted owners and complexes", async () => {
    const admin = await ctx.loginAs("ADMIN");
    const seller = await ctx.loginAs("SELLER");
    const leaver = await ctx.createUser({ role: "SELLER" });
    const complex = await ctx.db.complex.create({
      data: { name: "ЖК Счёт", slug: `counts-${Date.now()}`, city: "Tashkent" },
    });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      phone += 1;
      const res = await seller.agent.post("/api/leads").send({
        fullName: `Счёт ${i}`,
        phone: `+99895${String(1_000_000 + phone).slice(-7)}`,
        source: i % 2 ? "INSTAGRAM" : "TELEGRAM",
        ...(i < 3 ? { complexId: complex.id } : {}),
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id as number);
    }
    expect(
      (await seller.agent.patch(`/api/leads/${ids[0]}`).send({ status: "IN_PROGRESS" })).status,
    ).toBe(200);
    const bulk = await admin.agent
      .post("/api/leads/bulk")
      .send({ action: "reassign", ids: ids.slice(1, 4), ownerId: leaver.id });
    expect(bulk.status).toBe(200);
    expect((await admin.agent.delete(`/api/leads/${ids[4]}`)).status).toBe(204);
    expect((await admin.agent.delete(`/api/leads/${ids[5]}`)).status).toBe(204);
    expect((await admin.agent.post(`/api/leads/${ids[5]}/restore`)).status).toBe(200);
    await ctx.db.lead.updateMany({ where: { id: { in: ids } }, data: { source: "LANDING" } });
    // The owner and the complex go: their leads fall back to "none" by the foreign keys.
    await ctx.db.session.deleteMany({ where: { userId: leaver.id } });
    await ctx.db.user.delete({ where: { id: leaver.id } });
    await ctx.db.complex.delete({ where: { id: complex.id } });
    await ctx.db.lead.deleteMany({ where: { id: ids[2]! } });

    const { counts, truth } = await countsAndTruth();
    expect(counts).toEqual(truth);
    // The statistics read the counts; over all time on the leads themselves they agree.
    const { agent } = await ctx.loginAs("ROP");
    const fromCounts = await agent.get("/api/stats/leads");
    const fromLeads = await agent.get("/api/stats/leads?from=2000-01-01T00:00:00Z");
    expect(fromCounts.status).toBe(200);
    expect(fromCounts.body).toEqual(fromLeads.body);
  });

  it("stay exact under concurrent opposite moves, without deadlocks", async () => {
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        phone += 1;
        return ctx.db.lead.create({
          data: {
            fullName: `Гонка ${i}`,
            phone: `+99895${String(1_000_000 + phone).slice(-7)}`,
            status: i % 2 ? "NEW" : "LOST",
          },
        });
      }),
    );
    // Half go NEW → LOST while the other half go LOST → NEW, each in its own transaction.
    await Promise.all(
      made.map((lead) =>
        ctx.db.lead.update({
          where: { id: lead.id },
          data: { status: lead.status === "NEW" ? "LOST" : "NEW" },
        }),
      ),
    );
    const { counts, truth } = await countsAndTruth();
    expect(counts).toEqual(truth);
  });

  it("fold the pending changes into the counts without changing a figure", async () => {
    phone += 1;
    await ctx.db.lead.create({
      data: { fullName: "Свёртка", phone: `+99895${String(1_000_000 + phone).slice(-7)}` },
    });
    const before = await countsAndTruth();
    expect(before.counts).toEqual(before.truth);
    const { agent } = await ctx.loginAs("ROP");
    const statsBefore = (await agent.get("/api/stats/leads")).body as unknown;

    const moved = await stats.foldLeadCounts(ctx.db);
    const pending = await ctx.db.leadCountDelta.count();
    expect(pending).toBe(0);
    if (testProvider() === "postgres") expect(moved).toBeGreaterThan(0);
    // SQLite's triggers write "LeadCount" directly: there is nothing to fold.
    else expect(moved).toBe(0);
    const after = await countsAndTruth();
    expect(after.counts).toEqual(after.truth);
    expect((await agent.get("/api/stats/leads")).body).toEqual(statsBefore);
    expect(await stats.foldLeadCounts(ctx.db)).toBe(0);
  });

  it("fold each pending change once when folds run at the same time", async () => {
    for (let i = 0; i < 6; i++) {
      phone += 1;
      await ctx.db.lead.create({
        data: {
          fullName: `Две свёртки ${i}`,
          phone: `+99895${String(1_000_000 + phone).slice(-7)}`,
          status: i % 2 ? "NEW" : "MEETING",
        },
      });
    }
    const pending = await ctx.db.leadCountDelta.count();
    const moved = await Promise.all([1, 2, 3].map(() => stats.foldLeadCounts(ctx.db)));
    expect(moved.reduce((sum, n) => sum + n, 0)).toBe(pending);
    expect(await ctx.db.leadCountDelta.count()).toBe(0);
    const { counts, truth } = await countsAndTruth();
    expect(counts).toEqual(truth);
  });

  // Two transactions that each move several leads, in opposite orders of their count keys. When
  // a change updated the count rows themselves, the second move of each waited for a row the
  // other held: PostgreSQL aborted one with "deadlock detected". (SQLite runs one writing
  // transaction at a time.)
  (testProvider() === "postgres" ? it : it.skip)(
    "stay exact when transactions move many leads in opposite orders, without deadlocks",
    async () => {
      const made = await Promise.all(
        (["NEW", "MEETING", "IN_PROGRESS", "NEW"] as const).map((status, i) => {
          phone += 1;
          return ctx.db.lead.create({
            data: {
              fullName: `Встречные ${i}`,
              phone: `+99895${String(1_000_000 + phone).slice(-7)}`,
              status,
            },
          });
        }),
      );
      const [a, b, c, d] = made.map((lead) => lead.id) as [number, number, number, number];
      const move = (id: number, status: LeadStatus) =>
        Prisma.sql`UPDATE "Lead" SET "status" = ${enumCast(status)} WHERE "id" = ${id}`;
      // Each transaction makes its first move, tells the other, waits for the other's first
      // move, then makes its second.
      let firstMade!: () => void;
      let secondMade!: () => void;
      const firstDone = new Promise<void>((resolve) => (firstMade = resolve));
      const secondDone = new Promise<void>((resolve) => (secondMade = resolve));
      const twoMoves = (moves: [Prisma.Sql, Prisma.Sql], made: () => void, other: Promise<void>) =>
        ctx.db.$transaction(
          async (tx) => {
            await tx.$executeRaw(moves[0]);
            made();
            await other;
            await tx.$executeRaw(moves[1]);
          },
          { timeout: 20_000 },
        );
      const results = await Promise.allSettled([
        // NEW → BOOKED, then IN_PROGRESS → NEW
        twoMoves([move(a, "BOOKED"), move(c, "NEW")], firstMade, secondDone),
        // MEETING → IN_PROGRESS, then NEW → SOLD
        twoMoves([move(b, "IN_PROGRESS"), move(d, "SOLD")], secondMade, firstDone),
      ]);
      expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
      const { counts, truth } = await countsAndTruth();
      expect(counts).toEqual(truth);
    },
  );
});

const enumCast = (status: LeadStatus) =>
  testProvider() === "postgres"
    ? Prisma.sql`CAST(${status} AS "LeadStatus")`
    : Prisma.sql`${status}`;
