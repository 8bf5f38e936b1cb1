import type request from "supertest";
import { payments } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

/** A seller's lead holding a booked flat priced 600,000,000.00 UZS. */
/** Lets contracts start this far back (the default grace is a week), for history-based tests. */
async function allowStartDatesBack(days: number) {
  await ctx.db.setting.upsert({
    where: { key: "pricing.startDateGraceDays" },
    create: { key: "pricing.startDateGraceDays", value: String(days) },
    update: { value: String(days) },
  });
}

async function heldFlat(agent: request.Agent, ownerId: number) {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК D${seq}`, slug: `deal-${seq}-${Date.now()}`, city: "Ташкент" },
  });
  const flat = await ctx.db.apartment.create({
    data: {
      complexId: complex.id,
      block: "A",
      floor: 3,
      number: `30${seq}`,
      rooms: 2,
      area: 60,
      price: 600_000_000_00n,
    },
  });
  const lead = await ctx.db.lead.create({
    data: {
      fullName: `Buyer ${seq}`,
      phone: `+99891${String(1_000_000 + seq).slice(-7)}`,
      ownerId,
      status: "MEETING",
    },
  });
  const booked = await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id });
  if (booked.status !== 200) throw new Error(booked.text);
  return { flat, lead };
}

describe("deals", () => {
  it("drafts a contract with its schedule, signs it, and the flat and lead become SOLD", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { flat, lead } = await heldFlat(agent, user.id);
    const draft = await agent.post("/api/deals").send({
      leadId: lead.id,
      downPayment: 180_000_000_00,
      installmentMonths: 12,
      startDate: "2026-12-01T00:00:00Z",
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: "DRAFT",
      price: 600_000_000_00,
      currency: "UZS",
      outstanding: 600_000_000_00,
      paid: 0,
    });
    expect(draft.body.number).toMatch(/^Д-2026-\d{6}$/);
    expect(draft.body.schedule).toHaveLength(13);
    expect(
      draft.body.schedule.reduce((sum: number, p: { amount: number }) => sum + p.amount, 0),
    ).toBe(600_000_000_00);
    expect(draft.body.schedule[1]).toMatchObject({
      kind: "INSTALLMENT",
      amount: 35_000_000_00,
      dueDate: "2027-01-01T00:00:00.000Z",
    });

    const signed = await agent.post(`/api/deals/${draft.body.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe("SIGNED");
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).status).toBe(
      "SOLD",
    );
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("SOLD");
    expect((await agent.post(`/api/deals/${draft.body.id}/sign`)).status).toBe(409);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "contract.sign", entityId: String(draft.body.id) },
      }),
    ).toBe(1);
  });

  it("needs a held flat and sane terms, and writes nothing otherwise", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const lead = await ctx.db.lead.create({
      data: { fullName: "No flat", phone: "+998915550001", ownerId: user.id },
    });
    expect(
      (
        await agent
          .post("/api/deals")
          .send({ leadId: lead.id, downPayment: 0, installmentMonths: 12 })
      ).status,
    ).toBe(409);
    const held = await heldFlat(agent, user.id);
    const before = await ctx.db.contract.count();
    const bad = await agent
      .post("/api/deals")
      .send({ leadId: held.lead.id, downPayment: 700_000_000_00, installmentMonths: 12 });
    expect(bad.status).toBe(400);
    expect(await ctx.db.contract.count()).toBe(before);
    expect(await ctx.db.payment.count({ where: { leadId: held.lead.id } })).toBe(0);
  });

  it("lists a lead's contract, and only the seller's own", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const { lead } = await heldFlat(agent, user.id);
    const draft = await agent
      .post("/api/deals")
      .send({ leadId: lead.id, downPayment: 600_000_000_00, installmentMonths: 0 });
    const mine = await agent.get(`/api/deals?leadId=${lead.id}`);
    expect(mine.body.items.map((deal: { id: number }) => deal.id)).toEqual([draft.body.id]);
    expect(mine.body.items[0]).not.toHaveProperty("schedule");
    expect((await other.get(`/api/deals?leadId=${lead.id}`)).body.items).toEqual([]);
  });

  it("lets a lead sign a new contract after a cancellation, and only one live contract at a time", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const { flat, lead } = await heldFlat(agent, user.id);
    const terms = { leadId: lead.id, downPayment: 600_000_000_00, installmentMonths: 0 };
    const racing = await Promise.all([
      agent.post("/api/deals").send(terms),
      agent.post("/api/deals").send(terms),
    ]);
    expect(racing.map((res) => res.status).sort()).toEqual([201, 409]);
    const first = racing.find((res) => res.status === 201)!.body;
    await mop.post(`/api/deals/${first.id}/cancel`);
    await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id });
    const second = await agent.post("/api/deals").send(terms);
    expect(second.status).toBe(201);
    expect(second.body.number).not.toBe(first.number);
    const history = await agent.get(`/api/deals?leadId=${lead.id}`);
    expect(history.body.items.map((deal: { status: string }) => deal.status)).toEqual([
      "DRAFT",
      "CANCELLED",
    ]);
  });

  it("keeps another seller's contract hidden", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const { lead } = await heldFlat(agent, user.id);
    const draft = await agent
      .post("/api/deals")
      .send({ leadId: lead.id, downPayment: 600_000_000_00, installmentMonths: 0 });
    expect((await other.get(`/api/deals/${draft.body.id}`)).status).toBe(404);
    expect((await other.post(`/api/deals/${draft.body.id}/sign`)).status).toBe(404);
  });

  it("cancelling frees the flat, returns the lead to work and keeps only paid money", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { flat, lead } = await heldFlat(agent, user.id);
    const draft = await agent
      .post("/api/deals")
      .send({ leadId: lead.id, downPayment: 100_000_000_00, installmentMonths: 5 });
    await agent.post(`/api/deals/${draft.body.id}/sign`);
    const down = draft.body.schedule[0];
    expect(
      (
        await cashier
          .post(`/api/payments/${down.id}/record`)
          .send({ amount: 100_000_000_00, method: "BANK_TRANSFER" })
      ).status,
    ).toBe(200);
    const cancelled = await mop.post(`/api/deals/${draft.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("CANCELLED");
    expect(cancelled.body.schedule.map((p: { id: number }) => p.id)).toEqual([down.id]);
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).status).toBe(
      "FREE",
    );
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe(
      "IN_PROGRESS",
    );
  });
});

describe("payments", () => {
  it("adds up partial payments, refuses overpayment, and audits every receipt", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier, user: financier } = await ctx.loginAs("FINANCIER");
    const { lead } = await heldFlat(agent, user.id);
    const draft = await agent
      .post("/api/deals")
      .send({ leadId: lead.id, downPayment: 60_000_000_00, installmentMonths: 6 });
    const first = draft.body.schedule[1];
    const part = await cashier
      .post(`/api/payments/${first.id}/record`)
      .send({ amount: 50_000_000_00, method: "CASH" });
    expect(part.body).toMatchObject({ paidAmount: 50_000_000_00, status: "SCHEDULED" });
    const over = await cashier
      .post(`/api/payments/${first.id}/record`)
      .send({ amount: first.amount, method: "CASH" });
    expect(over.status).toBe(409);
    expect(over.body.remaining).toBe(first.amount - 50_000_000_00);
    const rest = await cashier
      .post(`/api/payments/${first.id}/record`)
      .send({ amount: first.amount - 50_000_000_00, method: "CARD" });
    expect(rest.body).toMatchObject({ paidAmount: first.amount, status: "PAID", method: "CARD" });
    expect(
      (await cashier.post(`/api/payments/${first.id}/record`).send({ amount: 1, method: "CASH" }))
        .status,
    ).toBe(409);
    const rows = await ctx.db.auditLog.findMany({
      where: { action: "payment.record", entityId: String(first.id) },
    });
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.actorId === financier.id)).toBe(true);
    const deal = await cashier.get(`/api/deals/${draft.body.id}`);
    expect(deal.body.paid).toBe(first.amount);
  });

  it("lists overdue payments with days late and what is still owed", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { lead } = await heldFlat(agent, user.id);
    await allowStartDatesBack(60);
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const draft = await agent.post("/api/deals").send({
      leadId: lead.id,
      downPayment: 60_000_000_00,
      installmentMonths: 6,
      startDate: start,
    });
    await cashier
      .post(`/api/payments/${draft.body.schedule[0].id}/record`)
      .send({ amount: 10_000_000_00, method: "CASH" });
    expect(await payments.markOverdue(ctx.db)).toBeGreaterThanOrEqual(2);
    const res = await cashier.get("/api/payments/overdue?limit=500");
    const mine = res.body.items.filter((item: { leadId: number }) => item.leadId === lead.id);
    expect(mine.map((item: { seq: number }) => item.seq)).toEqual([0, 1]);
    expect(mine[0]).toMatchObject({
      status: "OVERDUE",
      outstanding: 50_000_000_00,
      daysLate: 40,
      dealNumber: draft.body.number,
    });
  });

  it("prints the contract as a PDF for those who may see it", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const { lead } = await heldFlat(agent, user.id);
    const draft = await agent
      .post("/api/deals")
      .send({ leadId: lead.id, downPayment: 100_000_000_00, installmentMonths: 24 });
    const res = await agent
      .get(`/api/deals/${draft.body.id}/pdf`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent(draft.body.number));
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5_000);
    expect((await other.get(`/api/deals/${draft.body.id}/pdf`)).status).toBe(404);
  });
});

describe("finance", () => {
  it("shows cash expected, received and overdue per complex, and a monthly forecast", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { flat, lead } = await heldFlat(agent, user.id);
    await allowStartDatesBack(3650);
    const start = "2026-01-15T10:00:00Z";
    const draft = await agent.post("/api/deals").send({
      leadId: lead.id,
      downPayment: 300_000_000_00,
      installmentMonths: 3,
      startDate: start,
    });
    await agent.post(`/api/deals/${draft.body.id}/sign`);
    await cashier
      .post(`/api/payments/${draft.body.schedule[0].id}/record`)
      .send({ amount: 300_000_000_00, method: "BANK_TRANSFER", paidAt: start });
    const cash = await cashier.get(`/api/finance/complexes?complexId=${flat.complexId}`);
    expect(cash.status).toBe(200);
    expect(cash.body.items).toEqual([
      expect.objectContaining({
        complexId: flat.complexId,
        currency: "UZS",
        expected: 600_000_000_00,
        received: 300_000_000_00,
        overdue: 300_000_000_00,
      }),
    ]);
    const forecast = await cashier.get("/api/finance/forecast?from=2026-01&months=4");
    const uzs = forecast.body.items.filter((row: { currency: string }) => row.currency === "UZS");
    expect(uzs.map((row: { month: string }) => row.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
    ]);
    expect(uzs[0].received).toBeGreaterThanOrEqual(300_000_000_00);
    expect(uzs[1].due).toBeGreaterThanOrEqual(100_000_000_00);
  });
});

describe("overdue by calendar day", () => {
  it("is not late on the due day in Tashkent, and late from the next day", async () => {
    const { localDay } = await import("@crm/core");
    const startOfLocalDay = (now: Date) => localDay(now).start;
    // 18:30 UTC on 10 March is 23:30 in Tashkent: still 10 March there.
    expect(startOfLocalDay(new Date("2026-03-10T18:30:00Z")).toISOString()).toBe(
      "2026-03-09T19:00:00.000Z",
    );
    // 19:30 UTC is 00:30 on 11 March in Tashkent: a payment due on 10 March is now late.
    expect(startOfLocalDay(new Date("2026-03-10T19:30:00Z")).toISOString()).toBe(
      "2026-03-10T19:00:00.000Z",
    );
  });
});
