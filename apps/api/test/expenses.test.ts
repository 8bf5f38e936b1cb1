import fs from "node:fs";
import request from "supertest";
import { MAX_ATTACHMENT_BYTES } from "@crm/contracts";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;
const unique = (prefix: string) => `${prefix} ${process.pid}-${(seq += 1)}`;

async function category(agent: request.Agent, name = unique("Реклама")) {
  const res = await agent.post("/api/expense-categories").send({ name });
  expect(res.status).toBe(201);
  return res.body as { id: number; name: string };
}

async function expense(agent: request.Agent, body: Record<string, unknown>) {
  const res = await agent.post("/api/expenses").send(body);
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.body as { id: number; amount: number; currency: string };
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("fake png body"),
]);

describe("expense categories", () => {
  it("adds, refuses a taken name, renames and deactivates; a deactivated one takes no new expense", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const cat = await category(agent);
    const again = await agent.post("/api/expense-categories").send({ name: cat.name });
    expect(again.status).toBe(409);

    const renamed = await agent
      .patch(`/api/expense-categories/${cat.id}`)
      .send({ name: `${cat.name} (онлайн)` });
    expect(renamed.body).toMatchObject({ name: `${cat.name} (онлайн)`, isActive: true });
    const off = await agent.patch(`/api/expense-categories/${cat.id}`).send({ isActive: false });
    expect(off.body.isActive).toBe(false);

    const refused = await agent
      .post("/api/expenses")
      .send({ categoryId: cat.id, amount: 100, currency: "UZS", spentOn: "2026-11-02" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe("categoryId");
    const audits = await ctx.db.auditLog.findMany({
      where: { entity: "ExpenseCategory", entityId: String(cat.id) },
      orderBy: { id: "asc" },
    });
    expect(audits.map((row) => row.action)).toEqual([
      "expense.category.create",
      "expense.category.update",
      "expense.category.update",
    ]);
  });
});

describe("expenses", () => {
  it("keeps totals per currency: a UZS and a USD amount are never added together", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const cat = await category(agent);
    await expense(agent, {
      categoryId: cat.id,
      amount: 100_00,
      currency: "UZS",
      spentOn: "2026-09-01",
    });
    await expense(agent, {
      categoryId: cat.id,
      amount: 250_00,
      currency: "UZS",
      spentOn: "2026-09-03",
    });
    await expense(agent, {
      categoryId: cat.id,
      amount: 30_00,
      currency: "USD",
      spentOn: "2026-09-02",
    });

    const list = await agent.get(`/api/expenses?categoryId=${cat.id}`);
    expect(list.status).toBe(200);
    expect(list.body.totals).toEqual([
      { currency: "UZS", amount: 350_00 },
      { currency: "USD", amount: 30_00 },
    ]);
    // Newest day first.
    expect(list.body.items.map((item: { spentOn: string }) => item.spentOn)).toEqual([
      "2026-09-03",
      "2026-09-02",
      "2026-09-01",
    ]);
    const usdOnly = await agent.get(`/api/expenses?categoryId=${cat.id}&currency=USD`);
    expect(usdOnly.body.totals).toEqual([{ currency: "USD", amount: 30_00 }]);
  });

  it("pages with a cursor while the totals cover every matching expense", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const cat = await category(agent);
    for (const day of ["2026-08-01", "2026-08-02", "2026-08-02", "2026-08-05", "2026-08-09"])
      await expense(agent, { categoryId: cat.id, amount: 1_00, currency: "UZS", spentOn: day });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await agent
        .get(`/api/expenses?categoryId=${cat.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .expect(200);
      expect(res.body.totals).toEqual([{ currency: "UZS", amount: 5_00 }]);
      seen.push(...res.body.items.map((item: { id: number }) => item.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const range = await agent.get(
      `/api/expenses?categoryId=${cat.id}&from=2026-08-02&to=2026-08-05`,
    );
    expect(range.body.items).toHaveLength(3);
  });

  it("corrects and voids an expense with audit rows; a voided one no longer counts and is not changed", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const cat = await category(agent);
    const made = await expense(agent, {
      categoryId: cat.id,
      amount: 500_00,
      currency: "UZS",
      spentOn: "2026-07-10",
      source: "INSTAGRAM",
      note: "Таргет",
    });
    const fixed = await agent.patch(`/api/expenses/${made.id}`).send({ amount: 450_00 });
    expect(fixed.body).toMatchObject({ amount: 450_00, source: "INSTAGRAM", note: "Таргет" });
    const voided = await agent.post(`/api/expenses/${made.id}/void`).send({ reason: "Дубль" });
    expect(voided.body).toMatchObject({ voidReason: "Дубль" });
    expect(voided.body.voidedAt).toEqual(expect.any(String));
    expect((await agent.post(`/api/expenses/${made.id}/void`).send({ reason: "x" })).status).toBe(
      409,
    );
    expect((await agent.patch(`/api/expenses/${made.id}`).send({ amount: 1 })).status).toBe(409);

    const list = await agent.get(`/api/expenses?categoryId=${cat.id}`);
    expect(list.body.items).toEqual([]);
    expect(list.body.totals).toEqual([]);
    const withVoided = await agent.get(`/api/expenses?categoryId=${cat.id}&voided=include`);
    expect(withVoided.body.items).toHaveLength(1);
    expect(withVoided.body.totals).toEqual([]);

    const audits = await ctx.db.auditLog.findMany({
      where: { entity: "Expense", entityId: String(made.id) },
      orderBy: { id: "asc" },
    });
    expect(audits.map((row) => row.action)).toEqual([
      "expense.create",
      "expense.update",
      "expense.void",
    ]);
    expect(JSON.parse(audits[1]!.before!)).toEqual({ amount: 500_00 });
    expect(JSON.parse(audits[1]!.after!)).toEqual({ amount: 450_00 });
  });

  it("lets the financier read but not write", async () => {
    const { agent: rop } = await ctx.loginAs("ROP");
    const cat = await category(rop);
    const made = await expense(rop, {
      categoryId: cat.id,
      amount: 1,
      currency: "UZS",
      spentOn: "2026-06-01",
    });
    const { agent } = await ctx.loginAs("FINANCIER");
    expect((await agent.get(`/api/expenses/${made.id}`)).status).toBe(200);
    expect((await agent.patch(`/api/expenses/${made.id}`).send({ amount: 2 })).status).toBe(403);
    expect(
      (
        await agent
          .post("/api/expenses")
          .send({ categoryId: cat.id, amount: 1, currency: "UZS", spentOn: "2026-06-01" })
      ).status,
    ).toBe(403);
  });
});

describe("expense receipts", () => {
  it("stores a receipt recognised by its bytes and serves it only to signed-in readers", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const cat = await category(agent);
    const made = await expense(agent, {
      categoryId: cat.id,
      amount: 1_00,
      currency: "UZS",
      spentOn: "2026-11-01",
    });
    const put = await agent
      .put(`/api/expenses/${made.id}/attachment`)
      .set("Content-Type", "image/png")
      .set("X-File-Name", encodeURIComponent("чек 1.png"))
      .send(PNG);
    expect(put.status).toBe(200);
    expect(put.body.attachment).toEqual({ name: "чек 1.png", type: "image/png", size: PNG.length });

    const { agent: finance } = await ctx.loginAs("FINANCIER");
    const got = await finance
      .get(`/api/expenses/${made.id}/attachment`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["content-disposition"]).toContain("attachment");
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);

    expect((await request(ctx.app).get(`/api/expenses/${made.id}/attachment`)).status).toBe(401);
    const { agent: seller } = await ctx.loginAs("SELLER");
    expect((await seller.get(`/api/expenses/${made.id}/attachment`)).status).toBe(403);
    // Nothing of it lies in a folder served as static files.
    const stored = await ctx.db.expense.findUniqueOrThrow({ where: { id: made.id } });
    expect(fs.existsSync(`${ctx.deps.config.uploadsDir}/${stored.attachmentKey}`)).toBe(true);
  });

  it("refuses a file that is not a PDF, JPEG or PNG by content (415) and one too large (413), changing nothing", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const cat = await category(agent);
    const made = await expense(agent, {
      categoryId: cat.id,
      amount: 1_00,
      currency: "UZS",
      spentOn: "2026-11-01",
    });
    await agent
      .put(`/api/expenses/${made.id}/attachment`)
      .set("Content-Type", "image/png")
      .send(PNG)
      .expect(200);
    const before = await ctx.db.expense.findUniqueOrThrow({ where: { id: made.id } });

    const html = await agent
      .put(`/api/expenses/${made.id}/attachment`)
      .set("Content-Type", "image/png")
      .send(Buffer.from("<html><script>alert(1)</script></html>"));
    expect(html.status).toBe(415);
    expect(html.headers["content-type"]).toContain("application/problem+json");

    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0);
    PNG.copy(big);
    const tooLarge = await agent
      .put(`/api/expenses/${made.id}/attachment`)
      .set("Content-Type", "image/png")
      .send(big);
    expect(tooLarge.status).toBe(413);

    const empty = await agent.put(`/api/expenses/${made.id}/attachment`);
    expect(empty.status).toBe(415);
    const after = await ctx.db.expense.findUniqueOrThrow({ where: { id: made.id } });
    expect(after.attachmentKey).toBe(before.attachmentKey);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "expense.attachment", entityId: String(made.id) },
      }),
    ).toBe(1);
  });
});

describe("budgets, plan vs fact and currency rates", () => {
  it("sums plan and fact per month and category, with the variance", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const ads = await category(agent);
    const rent = await category(agent, unique("Аренда"));
    const set = await agent
      .put("/api/budgets")
      .send({ categoryId: ads.id, month: "2025-10", planned: 1_000_00, currency: "UZS" });
    expect(set.status).toBe(200);
    // Setting it again replaces the plan (one budget per category, month and complex).
    await agent
      .put("/api/budgets")
      .send({ categoryId: ads.id, month: "2025-10", planned: 1_200_00, currency: "UZS" })
      .expect(200);
    await agent
      .put("/api/budgets")
      .send({ categoryId: rent.id, month: "2025-10", planned: 500_00, currency: "UZS" })
      .expect(200);
    await expense(agent, {
      categoryId: ads.id,
      amount: 300_00,
      currency: "UZS",
      spentOn: "2025-10-01",
    });
    await expense(agent, {
      categoryId: ads.id,
      amount: 500_00,
      currency: "UZS",
      spentOn: "2025-10-31",
    });
    await expense(agent, {
      categoryId: ads.id,
      amount: 200_00,
      currency: "UZS",
      spentOn: "2025-11-01",
    });
    await expense(agent, {
      categoryId: rent.id,
      amount: 700_00,
      currency: "UZS",
      spentOn: "2025-10-15",
    });

    const res = await agent.get("/api/budgets/plan-vs-fact?from=2025-10&to=2025-11");
    expect(res.status).toBe(200);
    const rows = (res.body.rows as { month: string; category: { id: number } }[]).filter((row) =>
      [ads.id, rent.id].includes(row.category.id),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        month: "2025-10",
        category: expect.objectContaining({ id: rent.id }),
        planned: 500_00,
        actual: 700_00,
        variance: -200_00,
        usedPct: 140,
      }),
      expect.objectContaining({
        month: "2025-10",
        category: expect.objectContaining({ id: ads.id }),
        planned: 1_200_00,
        actual: 800_00,
        variance: 400_00,
      }),
      expect.objectContaining({
        month: "2025-11",
        category: expect.objectContaining({ id: ads.id }),
        planned: 0,
        actual: 200_00,
        variance: -200_00,
        usedPct: null,
      }),
    ]);
    const adsTotal = res.body.byCategory.find(
      (row: { category: { id: number } }) => row.category.id === ads.id,
    );
    expect(adsTotal).toMatchObject({
      currency: "UZS",
      planned: 1_200_00,
      actual: 1_000_00,
      variance: 200_00,
    });
    expect(res.body.totals).toEqual([
      { currency: "UZS", planned: 1_700_00, actual: 1_700_00, variance: 0, usedPct: 100 },
    ]);
    const budgetAudits = await ctx.db.auditLog.count({
      where: { action: "budget.set", entityId: String(set.body.id) },
    });
    expect(budgetAudits).toBe(2);
  });

  it("states a total in one currency only with each month's rate, and names the rates", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const cat = await category(agent);
    await agent
      .put("/api/budgets")
      .send({ categoryId: cat.id, month: "2024-02", planned: 100_00, currency: "USD" })
      .expect(200);
    await expense(agent, {
      categoryId: cat.id,
      amount: 1_000_000_00,
      currency: "UZS",
      spentOn: "2024-02-10",
    });
    await expense(agent, {
      categoryId: cat.id,
      amount: 40_00,
      currency: "USD",
      spentOn: "2024-03-10",
    });

    const plain = await agent.get("/api/budgets/plan-vs-fact?from=2024-02&to=2024-03");
    // Per currency, never added: the UZS spend does not eat into the USD budget.
    expect(plain.body.totals).toEqual([
      { currency: "UZS", planned: 0, actual: 1_000_000_00, variance: -1_000_000_00, usedPct: null },
      { currency: "USD", planned: 100_00, actual: 40_00, variance: 60_00, usedPct: 40 },
    ]);
    expect(plain.body.converted).toBeNull();

    const noRate = await agent.get(
      "/api/budgets/plan-vs-fact?from=2024-02&to=2024-03&convertTo=USD",
    );
    expect(noRate.body.converted.actual).toEqual({
      currency: "USD",
      amount: null,
      ratesUsed: [],
      missingRates: ["2024-02"],
    });
    // The planned side needs no rate: it is all in USD already.
    expect(noRate.body.converted.planned).toMatchObject({ amount: 100_00, missingRates: [] });

    const { agent: finance } = await ctx.loginAs("FINANCIER");
    await finance.put("/api/currency-rates/2024-02").send({ uzsPerUsd: 12_500_00 }).expect(200);
    const withRate = await agent.get(
      "/api/budgets/plan-vs-fact?from=2024-02&to=2024-03&convertTo=USD",
    );
    // 1,000,000.00 UZS at 12,500.00 per dollar is 80.00 USD; plus 40.00 USD.
    expect(withRate.body.converted.actual).toEqual({
      currency: "USD",
      amount: 120_00,
      ratesUsed: [{ month: "2024-02", uzsPerUsd: 12_500_00 }],
      missingRates: [],
    });
    const inUzs = await agent.get(
      "/api/budgets/plan-vs-fact?from=2024-02&to=2024-03&convertTo=UZS",
    );
    // 40.00 USD in March has no rate: refused rather than guessed.
    expect(inUzs.body.converted.actual).toMatchObject({ amount: null, missingRates: ["2024-03"] });
    expect(
      await ctx.db.auditLog.count({ where: { action: "currency.rate", entityId: "2024-02" } }),
    ).toBe(1);
  });
});

describe("marketing ROI", () => {
  it("gives spend, leads, deals, revenue, cost per lead and per sale for a known dataset", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const cat = await category(agent);
    const complex = await ctx.db.complex.create({
      data: { name: unique("ЖК ROI"), slug: `roi-${process.pid}-${seq}`, city: "Ташкент" },
    });
    const inPeriod = new Date("2023-05-10T08:00:00Z");
    const leads = [];
    for (let i = 0; i < 4; i += 1) {
      leads.push(
        await ctx.db.lead.create({
          data: {
            fullName: `ROI ${i}`,
            phone: `+99890${String(7_000_000 + process.pid * 10 + i).slice(-7)}`,
            source: "INSTAGRAM",
            complexId: complex.id,
            createdAt: inPeriod,
          },
        }),
      );
    }
    // Outside the period, and archived: neither counts.
    await ctx.db.lead.create({
      data: {
        fullName: "Late",
        phone: `+99890${String(8_000_000 + process.pid).slice(-7)}`,
        source: "INSTAGRAM",
        complexId: complex.id,
        createdAt: new Date("2023-07-01T08:00:00Z"),
      },
    });
    await ctx.db.lead.create({
      data: {
        fullName: "Archived",
        phone: `+99890${String(8_100_000 + process.pid).slice(-7)}`,
        source: "INSTAGRAM",
        complexId: complex.id,
        createdAt: inPeriod,
        archivedAt: inPeriod,
      },
    });
    for (const [i, lead] of leads.slice(0, 2).entries()) {
      const flat = await ctx.db.apartment.create({
        data: {
          complexId: complex.id,
          block: "R",
          floor: 1,
          number: `R${i}`,
          rooms: 2,
          area: 50,
          price: 500_000_000_00n,
          status: "SOLD",
        },
      });
      await ctx.db.contract.create({
        data: {
          number: `ROI-${process.pid}-${seq}-${i}`,
          leadId: lead.id,
          apartmentId: flat.id,
          price: i === 0 ? 500_000_000_00n : 300_000_000_00n,
          currency: "UZS",
          status: "SIGNED",
          signedAt: new Date("2023-05-20T08:00:00Z"),
        },
      });
    }
    await expense(agent, {
      categoryId: cat.id,
      amount: 6_000_000_00,
      currency: "UZS",
      spentOn: "2023-05-01",
      source: "INSTAGRAM",
      complexId: complex.id,
    });
    await expense(agent, {
      categoryId: cat.id,
      amount: 2_000_000_00,
      currency: "UZS",
      spentOn: "2023-05-15",
      source: "INSTAGRAM",
      complexId: complex.id,
    });
    await expense(agent, {
      categoryId: cat.id,
      amount: 100_00,
      currency: "USD",
      spentOn: "2023-05-15",
      source: "INSTAGRAM",
      complexId: complex.id,
    });
    // Not advertising (no source): not marketing spend.
    await expense(agent, {
      categoryId: cat.id,
      amount: 9_999_00,
      currency: "UZS",
      spentOn: "2023-05-15",
      complexId: complex.id,
    });

    const res = await agent.get(
      `/api/marketing/roi?from=2023-05-01&to=2023-05-31&complexId=${complex.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      {
        source: "INSTAGRAM",
        complex: { id: complex.id, name: complex.name },
        leads: 4,
        deals: 2,
        money: [
          {
            currency: "UZS",
            spend: 8_000_000_00,
            revenue: 800_000_000_00,
            costPerLead: 2_000_000_00,
            costPerSale: 4_000_000_00,
          },
          { currency: "USD", spend: 100_00, revenue: 0, costPerLead: 25_00, costPerSale: 50_00 },
        ],
        converted: null,
      },
    ]);
    await ctx.db.currencyRate.create({ data: { month: "2023-05", uzsPerUsd: 12_000_00n } });
    const converted = await agent.get(
      `/api/marketing/roi?from=2023-05-01&to=2023-05-31&complexId=${complex.id}&convertTo=UZS`,
    );
    // 100.00 USD at 12,000.00 is 1,200,000.00 UZS, beside 8,000,000.00 UZS.
    expect(converted.body.rows[0].converted).toEqual({
      spend: {
        currency: "UZS",
        amount: 9_200_000_00,
        ratesUsed: [{ month: "2023-05", uzsPerUsd: 12_000_00 }],
        missingRates: [],
      },
      revenue: { currency: "UZS", amount: 800_000_000_00, ratesUsed: [], missingRates: [] },
      costPerLead: 2_300_000_00,
      costPerSale: 4_600_000_00,
    });
  });
});
