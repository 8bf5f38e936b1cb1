import type request from "supertest";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

/** A signed contract with two instalments in `currency`, in a complex of its own. */
async function signedDeal(currency: "UZS" | "USD", dueMonth: string) {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК Реестр ${seq}`, slug: `register-${process.pid}-${seq}`, city: "Ташкент" },
  });
  const flat = await ctx.db.apartment.create({
    data: {
      complexId: complex.id,
      block: "A",
      floor: 1,
      number: `${seq}`,
      rooms: 1,
      area: 40,
      price: 1_000_00n,
      status: "SOLD",
    },
  });
  const lead = await ctx.db.lead.create({
    data: {
      fullName: `Покупатель ${seq}`,
      phone: `+99897${String(3_000_000 + process.pid * 10 + seq).slice(-7)}`,
    },
  });
  const contract = await ctx.db.contract.create({
    data: {
      number: `R-${process.pid}-${seq}`,
      leadId: lead.id,
      apartmentId: flat.id,
      price: 1_000_00n,
      currency,
      status: "SIGNED",
      signedAt: new Date(),
    },
  });
  const payments = [];
  for (const [i, day] of ["05", "20"].entries()) {
    payments.push(
      await ctx.db.payment.create({
        data: {
          leadId: lead.id,
          contractId: contract.id,
          seq: i,
          amount: 500_00n,
          currency,
          dueDate: new Date(`${dueMonth}-${day}T00:00:00Z`),
        },
      }),
    );
  }
  return { complex, lead, contract, payments };
}

async function receipt(
  deal: Awaited<ReturnType<typeof signedDeal>>,
  index: number,
  amount: bigint,
  options: {
    method: "CASH" | "CARD" | "BANK_TRANSFER";
    paidAt: string;
    by: number;
    reversed?: boolean;
  },
) {
  const payment = deal.payments[index]!;
  await ctx.db.payment.update({
    where: { id: payment.id },
    data: { paidAmount: { increment: options.reversed ? 0n : amount } },
  });
  return ctx.db.paymentReceipt.create({
    data: {
      number: `K-${process.pid}-${(seq += 1)}`,
      paymentId: payment.id,
      contractId: deal.contract.id,
      amount,
      currency: payment.currency,
      method: options.method,
      paidAt: new Date(options.paidAt),
      recordedById: options.by,
      reversedAt: options.reversed ? new Date(options.paidAt) : null,
      reversalReason: options.reversed ? "Ошибка" : null,
    },
  });
}

describe("payments register", () => {
  let agent: request.Agent;
  let uzs: Awaited<ReturnType<typeof signedDeal>>;
  let usd: Awaited<ReturnType<typeof signedDeal>>;
  let cashier: number;
  let other: number;

  beforeAll(async () => {
    ({ agent } = await ctx.loginAs("FINANCIER"));
    cashier = (await ctx.createUser({ role: "FINANCIER" })).id;
    other = (await ctx.createUser({ role: "ADMIN" })).id;
    uzs = await signedDeal("UZS", "2022-02");
    usd = await signedDeal("USD", "2022-02");
    await receipt(uzs, 0, 500_00n, { method: "CASH", paidAt: "2022-02-04T06:00:00Z", by: cashier });
    await receipt(uzs, 1, 200_00n, { method: "CARD", paidAt: "2022-02-18T06:00:00Z", by: other });
    await receipt(uzs, 1, 100_00n, {
      method: "CARD",
      paidAt: "2022-02-19T06:00:00Z",
      by: other,
      reversed: true,
    });
    await receipt(usd, 0, 300_00n, {
      method: "BANK_TRANSFER",
      paidAt: "2022-02-10T06:00:00Z",
      by: cashier,
    });
    await receipt(usd, 1, 50_00n, { method: "CASH", paidAt: "2022-03-01T06:00:00Z", by: cashier });
  });

  const period = "from=2022-02-01&to=2022-03-31";

  it("lists every receipt of a period with its deal, buyer, complex and recorder; totals per currency leave reversed ones out", async () => {
    const res = await agent.get(`/api/payments/register?${period}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items[0]).toMatchObject({
      amount: 50_00,
      currency: "USD",
      method: "CASH",
      deal: { id: usd.contract.id, number: usd.contract.number },
      lead: { id: usd.lead.id, fullName: usd.lead.fullName },
      complex: { id: usd.complex.id, name: usd.complex.name },
      recordedBy: { id: cashier },
    });
    expect(res.body.items[0].number).toMatch(/^K-/);
    expect(res.body.totals).toEqual([
      { currency: "UZS", amount: 700_00 },
      { currency: "USD", amount: 350_00 },
    ]);
  });

  it("filters by period, complex, contract, method and recorder", async () => {
    const count = async (filter: string) => {
      const res = await agent.get(`/api/payments/register?${period}&${filter}`);
      expect(res.status).toBe(200);
      return { n: res.body.items.length, totals: res.body.totals };
    };
    expect(await count(`complexId=${uzs.complex.id}`)).toEqual({
      n: 3,
      totals: [{ currency: "UZS", amount: 700_00 }],
    });
    expect(await count(`dealId=${usd.contract.id}`)).toEqual({
      n: 2,
      totals: [{ currency: "USD", amount: 350_00 }],
    });
    expect(await count("method=CARD")).toEqual({
      n: 2,
      totals: [{ currency: "UZS", amount: 200_00 }],
    });
    expect(await count(`recordedById=${cashier}`)).toEqual({
      n: 3,
      totals: [
        { currency: "UZS", amount: 500_00 },
        { currency: "USD", amount: 350_00 },
      ],
    });
    expect(await count("reversed=only")).toEqual({ n: 1, totals: [] });
    // Days are Tashkent days: 2022-03-01 06:00Z is on March 1st.
    const feb = await agent.get("/api/payments/register?from=2022-02-01&to=2022-02-28");
    expect(feb.body.items).toHaveLength(4);
  });

  it("pages newest first with a cursor, every receipt once", async () => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await agent
        .get(`/api/payments/register?${period}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .expect(200);
      ids.push(...res.body.items.map((item: { id: number }) => item.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect((await agent.get("/api/payments/register?cursor=bm9wZQ")).status).toBe(400);
  });

  it("compares a month's expected receipts with what came in, per currency", async () => {
    const res = await agent.get("/api/payments/expected?month=2022-02");
    expect(res.status).toBe(200);
    const ours = await ctx.db.payment.findMany({
      where: {
        dueDate: { gte: new Date("2022-01-31T19:00:00Z"), lt: new Date("2022-02-28T19:00:00Z") },
      },
    });
    // Only this file's deals fall due in February 2022.
    expect(ours).toHaveLength(4);
    expect(res.body).toEqual({
      month: "2022-02",
      items: [
        { currency: "UZS", expected: 1_000_00, paidOfExpected: 700_00, received: 700_00 },
        { currency: "USD", expected: 1_000_00, paidOfExpected: 350_00, received: 300_00 },
      ],
    });
  });

  it("is read by the head of sales but not by sellers", async () => {
    const { agent: rop } = await ctx.loginAs("ROP");
    expect((await rop.get(`/api/payments/register?${period}`)).status).toBe(200);
    const { agent: seller } = await ctx.loginAs("SELLER");
    expect((await seller.get(`/api/payments/register?${period}`)).status).toBe(403);
  });
});
