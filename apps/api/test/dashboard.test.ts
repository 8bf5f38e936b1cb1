import { localDayKey, localMonth, localMonthKey } from "@crm/core";
import type { LeadSource, LeadStatus } from "@crm/db";
import { useTestContext, type TestUser } from "./harness";

const ctx = useTestContext();
const DAY = 86_400_000;

let seller: TestUser;
let other: TestUser;
let complexId: number;
let seq = 0;

async function lead(
  ownerId: number | null,
  status: LeadStatus,
  options: { idleDays?: number; source?: LeadSource } = {},
) {
  seq += 1;
  const at = options.idleDays ? new Date(Date.now() - options.idleDays * DAY) : new Date();
  const row = await ctx.db.lead.create({
    data: {
      fullName: `Dash ${seq}`,
      phone: `+99893${String(1_000_000 + seq).slice(-7)}`,
      ownerId,
      status,
      source: options.source ?? "OTHER",
      createdAt: at,
      // An explicit value wins over @updatedAt: the lead has not changed since.
      updatedAt: at,
    },
  });
  return row;
}

async function flat(status: "FREE" | "BOOKED" | "SOLD" = "FREE", bookedLeadId?: number) {
  seq += 1;
  return ctx.db.apartment.create({
    data: {
      complexId,
      block: "A",
      floor: 1,
      number: `D${seq}`,
      rooms: 2,
      area: 50,
      price: 100_000n,
      status,
      bookedLeadId: bookedLeadId ?? null,
      bookedUntil: bookedLeadId ? new Date(Date.now() + 2 * DAY) : null,
    },
  });
}

async function contract(
  leadId: number,
  options: { status: "DRAFT" | "SIGNED"; signedAt?: Date; approval?: "PENDING"; price?: bigint },
) {
  const apartment = await flat("SOLD");
  seq += 1;
  return ctx.db.contract.create({
    data: {
      number: `DASH-${seq}`,
      leadId,
      apartmentId: apartment.id,
      price: options.price ?? 500_000n,
      currency: "UZS",
      status: options.status,
      signedAt: options.signedAt ?? null,
      approval: options.approval ?? "NOT_REQUIRED",
    },
  });
}

beforeAll(async () => {
  seller = await ctx.createUser({ role: "SELLER" });
  other = await ctx.createUser({ role: "SELLER" });
  complexId = (
    await ctx.db.complex.create({ data: { name: "ЖК Дашборд", slug: "dash", city: "Tashkent" } })
  ).id;
});

describe("dashboard sections per role", () => {
  it("gives each role its own sections", async () => {
    const expected = {
      SELLER: ["seller"],
      MOP: ["team"],
      ROP: ["sales", "spend", "team"],
      FINANCIER: ["money"],
      ADMIN: ["money", "sales", "spend", "system", "team"],
    } as const;
    for (const [role, sections] of Object.entries(expected)) {
      const { agent } = await ctx.loginAs(role as keyof typeof expected);
      const res = await agent.get("/api/dashboard");
      expect(res.status).toBe(200);
      expect(res.body.role).toBe(role);
      const present = ["seller", "team", "sales", "spend", "money", "system"].filter(
        (key) => res.body[key] !== undefined,
      );
      expect(present.sort()).toEqual([...sections].sort());
    }
  });

  it("answers 401 without a login", async () => {
    const { default: request } = await import("supertest");
    expect((await request(ctx.app).get("/api/dashboard")).status).toBe(401);
  });
});

describe("each figure equals the list it links to", () => {
  it("seller: leads by status, calls, holds and deals are the seller's own", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const mine = [
      await lead(user.id, "NEW"),
      await lead(user.id, "NEW"),
      await lead(user.id, "IN_PROGRESS"),
      await lead(user.id, "BOOKED"),
    ];
    await lead(other.id, "NEW"); // someone else's: never counted
    const now = Date.now();
    await ctx.db.callback.createMany({
      data: [
        { leadId: mine[0]!.id, userId: user.id, dueAt: new Date(now - 3_600_000) },
        { leadId: mine[1]!.id, userId: user.id, dueAt: new Date(now - 2 * DAY) },
        { leadId: mine[1]!.id, userId: user.id, dueAt: new Date(now + 10 * DAY) },
        { leadId: mine[0]!.id, userId: user.id, dueAt: new Date(now - DAY), isDone: true },
      ],
    });
    await flat("BOOKED", mine[3]!.id);
    await contract(mine[2]!.id, { status: "DRAFT" });

    const res = await agent.get("/api/dashboard");
    expect(res.status).toBe(200);
    const section = res.body.seller;
    const byStatus = Object.fromEntries(
      section.leadsByStatus.map((row: { status: string; count: number }) => [
        row.status,
        row.count,
      ]),
    );
    expect(byStatus).toMatchObject({ NEW: 2, IN_PROGRESS: 1, BOOKED: 1, SOLD: 0 });
    for (const status of ["NEW", "IN_PROGRESS", "BOOKED"]) {
      const list = await agent.get(`/api/leads?status=${status}&limit=200`);
      expect(list.body.items).toHaveLength(byStatus[status]);
    }
    expect(section.callbacks.overdue).toBe(2);
    const overdue = await agent.get("/api/callbacks?bucket=overdue&scope=mine&limit=200");
    expect(overdue.body.items).toHaveLength(section.callbacks.overdue);
    const today = await agent.get("/api/callbacks?bucket=today&scope=mine&limit=200");
    expect(today.body.items).toHaveLength(section.callbacks.today);
    expect(section.holds).toHaveLength(1);
    expect(section.holds[0].leadId).toBe(mine[3]!.id);
    expect(section.deals).toEqual({ draft: 1, signed: 0 });
    const drafts = await agent.get("/api/deals?status=DRAFT&limit=200");
    expect(drafts.body.items).toHaveLength(1);
  });

  it("MOP: stuck leads use the setting's days and match the filtered list", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const quiet = await lead(seller.id, "IN_PROGRESS", { idleDays: 12 });
    const commented = await lead(seller.id, "NEW", { idleDays: 12 });
    await ctx.db.comment.create({ data: { leadId: commented.id, body: "позвонил" } });
    await lead(seller.id, "LOST", { idleDays: 12 }); // closed: never stuck
    await lead(seller.id, "NEW", { idleDays: 3 }); // not long enough
    await lead(null, "NEW");

    const before = await agent.get("/api/dashboard");
    const { stuck } = before.body.team;
    expect(stuck.days).toBe(7);
    const link = `/api/leads?status=${stuck.statuses.join(",")}&idleDays=${stuck.days}&limit=200`;
    const list = await agent.get(link);
    expect(list.status).toBe(200);
    expect(list.body.items.map((row: { id: number }) => row.id)).toContain(quiet.id);
    expect(list.body.items.map((row: { id: number }) => row.id)).not.toContain(commented.id);
    expect(list.body.items).toHaveLength(stuck.count);

    // The setting moves the threshold at once.
    await ctx.db.setting.upsert({
      where: { key: "dashboard.stuckLeadDays" },
      create: { key: "dashboard.stuckLeadDays", value: "2" },
      update: { value: "2" },
    });
    const after = await agent.get("/api/dashboard");
    expect(after.body.team.stuck.days).toBe(2);
    expect(after.body.team.stuck.count).toBe(stuck.count + 1);
    await ctx.db.setting.delete({ where: { key: "dashboard.stuckLeadDays" } });

    const unassigned = await agent.get("/api/leads?ownerId=none&limit=200");
    expect(unassigned.body.items).toHaveLength(before.body.team.unassigned);
    const funnelNew = before.body.team.funnel.find(
      (row: { status: string }) => row.status === "NEW",
    );
    const count = await agent.get("/api/leads/count?status=NEW");
    expect(count.body.total).toBe(funnelNew.count);
  });

  it("MOP: per-seller conversion, response time and overdue calls", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const seller2 = await ctx.createUser({ role: "SELLER" });
    const a = await lead(seller2.id, "SOLD");
    await lead(seller2.id, "NEW");
    await ctx.db.comment.create({
      data: {
        leadId: a.id,
        body: "first",
        createdAt: new Date(a.createdAt.getTime() + 30 * 60_000),
      },
    });
    await ctx.db.callback.create({
      data: { leadId: a.id, userId: seller2.id, dueAt: new Date(Date.now() - DAY) },
    });
    const res = await agent.get("/api/dashboard");
    const row = res.body.team.sellers.find((s: { id: number }) => s.id === seller2.id);
    expect(row).toMatchObject({ leads: 2, sold: 1, conversionRate: 0.5, overdueCallbacks: 1 });
    expect(row.responseMinutes).toBe(30);
    const calls = await agent.get(
      `/api/callbacks?bucket=overdue&scope=team&userId=${seller2.id}&limit=200`,
    );
    expect(calls.body.items).toHaveLength(1);
  });

  it("ROP: sales this month vs last, and contracts awaiting approval", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const buyer = await lead(seller.id, "SOLD");
    const buyer2 = await lead(seller.id, "SOLD");
    const buyer3 = await lead(seller.id, "NEW");
    await contract(buyer.id, { status: "SIGNED", signedAt: new Date(), price: 700n });
    await contract(buyer2.id, {
      status: "SIGNED",
      signedAt: new Date(Date.now() - 40 * DAY),
      price: 300n,
    });
    await contract(buyer3.id, { status: "DRAFT", approval: "PENDING" });

    const res = await agent.get("/api/dashboard");
    const { sales } = res.body;
    expect(sales.thisMonth.count).toBeGreaterThanOrEqual(1);
    const thisMonth = await agent.get(`/api/deals?signedMonth=${sales.thisMonth.month}&limit=200`);
    expect(thisMonth.body.items).toHaveLength(sales.thisMonth.count);
    const lastMonth = await agent.get(`/api/deals?signedMonth=${sales.lastMonth.month}&limit=200`);
    expect(lastMonth.body.items).toHaveLength(sales.lastMonth.count);
    const pending = await agent.get("/api/deals?approval=PENDING&limit=200");
    expect(pending.body.items).toHaveLength(sales.pendingApprovals);
    expect(sales.pendingApprovals).toBeGreaterThanOrEqual(1);
  });

  it("ROP: the month's budgets against spending and marketing ROI per source, per currency", async () => {
    const { agent, user } = await ctx.loginAs("ROP");
    const month = localMonthKey(new Date());
    const today = localDayKey(new Date());
    const lastMonth = localMonthKey(new Date(), -1);
    const category = await ctx.db.expenseCategory.create({ data: { name: "Реклама дашборд" } });
    const other = await ctx.db.expenseCategory.create({ data: { name: "Аренда дашборд" } });
    await ctx.db.budget.createMany({
      data: [
        { categoryId: category.id, month, planned: 1_000_000n, currency: "UZS" },
        { categoryId: other.id, month, planned: 500n, currency: "USD" },
        // Another month's plan is not this month's.
        { categoryId: category.id, month: lastMonth, planned: 9_999n, currency: "UZS" },
      ],
    });
    const spent = (data: {
      categoryId: number;
      amount: bigint;
      currency: "UZS" | "USD";
      spentOn: string;
      source?: LeadSource;
      voidedAt?: Date;
    }) => ctx.db.expense.create({ data: { userId: user.id, ...data } });
    await spent({
      categoryId: category.id,
      amount: 400_000n,
      currency: "UZS",
      spentOn: today,
      source: "REFERRAL",
    });
    await spent({ categoryId: other.id, amount: 700n, currency: "USD", spentOn: today });
    // Voided, and last month's: neither counts.
    await spent({
      categoryId: category.id,
      amount: 50_000n,
      currency: "UZS",
      spentOn: today,
      source: "REFERRAL",
      voidedAt: new Date(),
    });
    await spent({
      categoryId: category.id,
      amount: 60_000n,
      currency: "UZS",
      spentOn: `${lastMonth}-15`,
      source: "REFERRAL",
    });
    const referred = await lead(seller.id, "SOLD", { source: "REFERRAL" });
    await lead(seller.id, "NEW", { source: "REFERRAL" });
    await contract(referred.id, { status: "SIGNED", signedAt: new Date(), price: 900_000n });

    const { spend } = (await agent.get("/api/dashboard")).body;
    expect(spend.month).toBe(month);
    expect(spend.budget.totals).toEqual([
      { currency: "UZS", planned: 1_000_000, actual: 400_000, variance: 600_000, usedPct: 40 },
      { currency: "USD", planned: 500, actual: 700, variance: -200, usedPct: 140 },
    ]);
    expect(spend.budget.byCategory).toHaveLength(2);
    expect(spend.roi.from).toBe(`${month}-01`);
    expect(spend.roi.sources).toContainEqual({
      source: "REFERRAL",
      leads: 2,
      deals: 1,
      money: [{ currency: "UZS", spend: 400_000, revenue: 900_000 }],
    });
    // The pages the figures link to show the same numbers.
    const planFact = await agent.get(`/api/budgets/plan-vs-fact?from=${month}&to=${month}`);
    expect(planFact.body.totals).toEqual(spend.budget.totals);
    const roi = await agent.get(`/api/marketing/roi?from=${spend.roi.from}&to=${spend.roi.to}`);
    const referral = roi.body.rows.filter((row: { source: string }) => row.source === "REFERRAL");
    expect(referral.reduce((sum: number, row: { leads: number }) => sum + row.leads, 0)).toBe(2);

    // Sales this month vs last month, in money per currency as well as counts.
    const { sales } = (await agent.get("/api/dashboard")).body;
    const signed = await agent.get(`/api/deals?signedMonth=${month}&limit=200`);
    const prices = signed.body.items
      .filter((deal: { currency: string }) => deal.currency === "UZS")
      .reduce((sum: number, deal: { price: number }) => sum + deal.price, 0);
    expect(sales.thisMonth.amounts).toEqual([{ currency: "UZS", amount: prices }]);
  });

  it("SELLER, MOP and FINANCIER are not given budgets, ROI or sales figures", async () => {
    for (const role of ["SELLER", "MOP", "FINANCIER"] as const) {
      const { agent } = await ctx.loginAs(role);
      const res = await agent.get("/api/dashboard");
      expect(res.status).toBe(200);
      expect(res.body.spend).toBeUndefined();
      expect(res.body.sales).toBeUndefined();
    }
    const { agent } = await ctx.loginAs("SELLER");
    expect((await agent.get("/api/budgets/plan-vs-fact?from=2026-01&to=2026-01")).status).toBe(403);
    expect((await agent.get("/api/marketing/roi?from=2026-01-01&to=2026-01-31")).status).toBe(403);
  });

  it("FINANCIER: overdue count equals the overdue list; received and coming money per currency", async () => {
    const { agent } = await ctx.loginAs("FINANCIER");
    const buyer = await lead(seller.id, "SOLD");
    const deal = await contract(buyer.id, { status: "SIGNED", signedAt: new Date() });
    const now = Date.now();
    const payment = (amount: bigint, dueDate: Date, paidAmount = 0n) =>
      ctx.db.payment.create({
        data: {
          leadId: buyer.id,
          contractId: deal.id,
          amount,
          paidAmount,
          currency: "UZS",
          dueDate,
          status: paidAmount >= amount ? "PAID" : "SCHEDULED",
        },
      });
    await payment(1000n, new Date(now - 10 * DAY), 400n); // overdue, 600 still owed
    await payment(2000n, new Date(now - 5 * DAY)); // overdue, 2000 owed
    const paid = await payment(500n, new Date(now - 3 * DAY), 500n); // paid: not overdue
    await payment(800n, new Date(now + 3 * DAY)); // due this week
    await payment(900n, new Date(now + 60 * DAY)); // beyond four weeks
    await ctx.db.paymentReceipt.create({
      data: {
        number: "R-DASH-1",
        paymentId: paid.id,
        contractId: deal.id,
        amount: 500n,
        currency: "UZS",
        method: "CASH",
        paidAt: new Date(),
      },
    });

    const res = await agent.get("/api/dashboard");
    const { money } = res.body;
    expect(money.overdue.count).toBe(2);
    expect(money.overdue.amounts).toEqual([{ currency: "UZS", amount: 2600 }]);
    const list = await agent.get("/api/payments/overdue?limit=500");
    expect(list.body.items).toHaveLength(money.overdue.count);
    expect(money.receivedToday).toEqual([{ currency: "UZS", amount: 500 }]);
    expect(money.receivedThisMonth[0].amount).toBeGreaterThanOrEqual(500);
    // Expected this month: every instalment due in the local month, paid or not.
    const month = localMonth(localMonthKey(new Date()));
    const dueThisMonth = (await ctx.db.payment.findMany({ where: { contractId: deal.id } }))
      .filter((row) => row.dueDate >= month.start && row.dueDate < month.end)
      .reduce((sum, row) => sum + Number(row.amount), 0);
    expect(money.expectedThisMonth).toEqual(
      dueThisMonth ? [{ currency: "UZS", amount: dueThisMonth }] : [],
    );
    // Expected vs received agrees with the payments page's month.
    expect(money.month).toBe(localMonthKey(new Date()));
    expect(money.today).toBe(localDayKey(new Date()));
    const register = (await agent.get(`/api/payments/expected?month=${money.month}`)).body;
    const uzs = register.items.find((item: { currency: string }) => item.currency === "UZS");
    expect(money.receivedThisMonth).toEqual([{ currency: "UZS", amount: uzs.received }]);
    const paidDue = (await ctx.db.payment.findMany({ where: { contractId: deal.id } }))
      .filter((row) => row.dueDate >= month.start && row.dueDate < month.end)
      .reduce((sum, row) => sum + Number(row.paidAmount), 0);
    expect(money.paidOfExpected).toEqual(
      dueThisMonth ? [{ currency: "UZS", amount: paidDue }] : [],
    );
    expect(money.nextWeeks).toHaveLength(4);
    const coming = money.nextWeeks.flatMap((week: { amounts: { amount: number }[] }) =>
      week.amounts.map((row) => row.amount),
    );
    expect(coming.reduce((a: number, b: number) => a + b, 0)).toBe(800);
  });

  it("ADMIN: system status names the database, Redis and failed jobs", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent.get("/api/dashboard");
    expect(res.body.system).toEqual({
      database: "ok",
      redis: "disabled",
      failedJobs: 0,
      lastImport: null,
    });
  });
});
