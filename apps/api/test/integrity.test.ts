import type request from "supertest";
import { testProvider } from "./databases";
import { useTestContext } from "./harness";

/**
 * Money records, statuses and holds that must stay true whatever is clicked, in whatever order
 * and at the same time: each rule here failed before it was written down.
 */
const ctx = useTestContext();
let seq = 0;
const PRICE = 600_000_000_00;

async function complexWithFlat(price = PRICE) {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК I${seq}`, slug: `integrity-${seq}-${Date.now()}`, city: "Ташкент" },
  });
  const flat = await ctx.db.apartment.create({
    data: {
      complexId: complex.id,
      block: "A",
      floor: 2,
      number: `${seq}`,
      rooms: 2,
      area: 60,
      price: BigInt(price),
    },
  });
  return { complex, flat };
}

async function newLead(ownerId: number | null, status: "NEW" | "MEETING" = "MEETING") {
  seq += 1;
  return ctx.db.lead.create({
    data: {
      fullName: `Buyer ${seq}`,
      phone: `+99893${String(2_000_000 + seq).slice(-7)}`,
      ownerId,
      status,
    },
  });
}

async function book(agent: request.Agent, flatId: number, leadId: number) {
  const res = await agent.post(`/api/flats/${flatId}/book`).send({ leadId });
  if (res.status !== 200) throw new Error(`book: ${res.status} ${res.text}`);
  return res;
}

async function draft(agent: request.Agent, leadId: number, extra: Record<string, unknown> = {}) {
  return agent.post("/api/deals").send({
    leadId,
    downPayment: 180_000_000_00,
    installmentMonths: 6,
    ...extra,
  });
}

/** A seller's lead holding a flat, with a signed contract. */
async function signedDeal(agent: request.Agent, ownerId: number) {
  const { flat } = await complexWithFlat();
  const lead = await newLead(ownerId);
  await book(agent, flat.id, lead.id);
  const created = await draft(agent, lead.id);
  if (created.status !== 201) throw new Error(created.text);
  const signed = await agent.post(`/api/deals/${created.body.id}/sign`);
  if (signed.status !== 200) throw new Error(signed.text);
  return { flat, lead, deal: signed.body as { id: number; schedule: { id: number }[] } };
}

const counts = async () => ({
  leads: await ctx.db.lead.count(),
  contracts: await ctx.db.contract.count(),
  payments: await ctx.db.payment.count(),
  receipts: await ctx.db.paymentReceipt.count(),
});

describe("leads with money are kept", () => {
  it("refuses to archive a sold lead, and its contract, payments and flat stay as they were", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { flat, lead, deal } = await signedDeal(agent, user.id);
    await cashier
      .post(`/api/payments/${deal.schedule[0]!.id}/record`)
      .send({ amount: 10_000_000_00, method: "CASH" });
    const before = await counts();
    const res = await agent.delete(`/api/leads/${lead.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/contract or payments/);
    expect(await counts()).toEqual(before);
    expect(await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      archivedAt: null,
      status: "SOLD",
    });
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).status).toBe(
      "SOLD",
    );
  });

  it("keeps contracts and payments even if a lead row is deleted behind the API's back", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { lead } = await signedDeal(agent, user.id);
    await expect(ctx.db.lead.delete({ where: { id: lead.id } })).rejects.toThrow();
    expect(await ctx.db.contract.count({ where: { leadId: lead.id } })).toBe(1);
  });

  it("archiving a lead that holds a flat hands the flat to the next lead in line", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { flat } = await complexWithFlat();
    const holder = await newLead(user.id);
    const waiting = await newLead(user.id);
    await book(agent, flat.id, holder.id);
    expect(
      (await agent.post(`/api/flats/${flat.id}/queue`).send({ leadId: waiting.id })).status,
    ).toBe(200);
    expect((await agent.delete(`/api/leads/${holder.id}`)).status).toBe(204);
    expect(await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).toMatchObject({
      status: "BOOKED",
      bookedLeadId: waiting.id,
    });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: holder.id } })).status).toBe(
      "IN_PROGRESS",
    );
    const actions = (
      await ctx.db.auditLog.findMany({
        where: { entity: "Apartment", entityId: String(flat.id) },
        orderBy: { id: "asc" },
      })
    ).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(["apartment.release", "apartment.offer", "apartment.queue.join"]),
    );
  });
});

describe("contract cancellation", () => {
  it("frees a sold flat through the end-of-hold rule: the next lead in line gets it", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const { flat, lead, deal } = await signedDeal(agent, user.id);
    const waiting = await newLead(user.id);
    await ctx.db.bookingQueueEntry.create({ data: { apartmentId: flat.id, leadId: waiting.id } });
    const res = await mop.post(`/api/deals/${deal.id}/cancel`);
    expect(res.status).toBe(200);
    expect(await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).toMatchObject({
      status: "BOOKED",
      bookedLeadId: waiting.id,
    });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe(
      "IN_PROGRESS",
    );
    const cause = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "lead.status", entityId: String(lead.id) },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(cause.after!)).toEqual({
      status: "IN_PROGRESS",
      cause: "contract-cancelled",
    });
  });

  it("changes nothing when the flat is not as the contract left it", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const { flat, deal } = await signedDeal(agent, user.id);
    // A flat sold without its lead (as old demo data had it): cancelling must not guess.
    await ctx.db.apartment.update({ where: { id: flat.id }, data: { bookedLeadId: null } });
    const before = await counts();
    const res = await mop.post(`/api/deals/${deal.id}/cancel`);
    expect(res.status).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await ctx.db.contract.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe(
      "SIGNED",
    );
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).status).toBe(
      "SOLD",
    );
  });
});

describe("price policy", () => {
  it("sends a seller's discount above 3 % for approval; signing waits; the head of sales approves", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: rop } = await ctx.loginAs("ROP");
    const { flat } = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(agent, flat.id, lead.id);
    const created = await draft(agent, lead.id, { price: PRICE * 0.95 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ approval: "PENDING", listPrice: PRICE, discountPct: 5 });
    const refused = await agent.post(`/api/deals/${created.body.id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/approval/);
    expect((await agent.post(`/api/deals/${created.body.id}/approve`).send({})).status).toBe(403);
    const approved = await rop
      .post(`/api/deals/${created.body.id}/approve`)
      .send({ note: "Постоянный клиент" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      approval: "APPROVED",
      approvalNote: "Постоянный клиент",
    });
    expect((await agent.post(`/api/deals/${created.body.id}/sign`)).status).toBe(200);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "contract.approve", entityId: String(created.body.id) },
      }),
    ).toBe(1);
  });

  it("lets a seller give up to 3 % and a sales manager up to 7 % without approval", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const one = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(seller, one.flat.id, lead.id);
    expect((await draft(seller, lead.id, { price: PRICE * 0.97 })).body.approval).toBe(
      "NOT_REQUIRED",
    );
    const two = await complexWithFlat();
    const other = await newLead(null);
    await book(mop, two.flat.id, other.id);
    expect((await draft(mop, other.id, { price: PRICE * 0.94 })).body.approval).toBe(
      "NOT_REQUIRED",
    );
  });

  it("keeps a rejected contract unsigned, with the reason", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { flat } = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(agent, flat.id, lead.id);
    const created = await draft(agent, lead.id, { price: PRICE * 0.8 });
    expect((await admin.post(`/api/deals/${created.body.id}/reject`).send({})).status).toBe(400);
    const rejected = await admin
      .post(`/api/deals/${created.body.id}/reject`)
      .send({ note: "Слишком большая скидка" });
    expect(rejected.body).toMatchObject({ approval: "REJECTED" });
    expect((await agent.post(`/api/deals/${created.body.id}/sign`)).status).toBe(409);
    expect((await admin.post(`/api/deals/${created.body.id}/approve`).send({})).status).toBe(409);
  });

  it("refuses a down payment under 10 % and a start date more than a week back", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { flat } = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(agent, flat.id, lead.id);
    const low = await draft(agent, lead.id, { downPayment: PRICE * 0.05 });
    expect(low.status).toBe(400);
    expect(low.body.errors[0].path).toBe("downPayment");
    const old = await draft(agent, lead.id, {
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    expect(old.status).toBe(400);
    expect(old.body.errors[0].path).toBe("startDate");
    expect(await ctx.db.contract.count({ where: { leadId: lead.id } })).toBe(0);
  });
});

describe("signed contracts", () => {
  it("keep the buyer as signed, whatever the lead is renamed to later", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { lead, deal } = await signedDeal(agent, user.id);
    await admin.patch(`/api/leads/${lead.id}`).send({ fullName: "Совсем Другой" });
    const after = await agent.get(`/api/deals/${deal.id}`);
    expect(after.body.buyer).toEqual({ fullName: lead.fullName, phone: lead.phone });
    const stored = await ctx.db.contract.findUniqueOrThrow({ where: { id: deal.id } });
    expect(JSON.parse(stored.parties!)).toMatchObject({
      buyer: { fullName: lead.fullName },
      company: { name: expect.any(String), bank: expect.any(String) },
    });
    const pdf = await agent.get(`/api/deals/${deal.id}/pdf`);
    expect(pdf.status).toBe(200);
  });
});

describe("holds", () => {
  it("lets a lead hold one flat at a time by default, and more when the setting says so", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const one = await complexWithFlat();
    const two = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(agent, one.flat.id, lead.id);
    const second = await agent.post(`/api/flats/${two.flat.id}/book`).send({ leadId: lead.id });
    expect(second.status).toBe(409);
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: two.flat.id } })).status).toBe(
      "FREE",
    );
    await ctx.db.setting.create({ data: { key: "booking.maxHoldsPerLead", value: "2" } });
    try {
      await book(agent, two.flat.id, lead.id);
    } finally {
      await ctx.db.setting.delete({ where: { key: "booking.maxHoldsPerLead" } });
    }
  });

  it("caps the total length of a hold from its first day, however often it is prolonged", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { flat } = await complexWithFlat();
    const lead = await newLead(user.id);
    await book(agent, flat.id, lead.id);
    // The hold began 25 days ago and runs for 2 more days: 5 more would pass the 30-day cap.
    await ctx.db.apartment.update({
      where: { id: flat.id },
      data: {
        bookedAt: new Date(Date.now() - 25 * 86_400_000),
        bookedUntil: new Date(Date.now() + 2 * 86_400_000),
      },
    });
    const refused = await agent.post(`/api/flats/${flat.id}/prolong`).send({ days: 5 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/30 days/);
    expect((await agent.post(`/api/flats/${flat.id}/prolong`).send({ days: 2 })).status).toBe(200);
  });

  it("never names another seller's buyer to a seller, also when a release hands the flat on", async () => {
    const { agent: first, user: firstUser } = await ctx.loginAs("SELLER");
    const { agent: second, user: secondUser } = await ctx.loginAs("SELLER");
    const { flat } = await complexWithFlat();
    const mine = await newLead(firstUser.id);
    const theirs = await newLead(secondUser.id);
    await book(first, flat.id, mine.id);
    expect(
      (await second.post(`/api/flats/${flat.id}/queue`).send({ leadId: theirs.id })).status,
    ).toBe(200);
    const released = await first.post(`/api/flats/${flat.id}/release`);
    expect(released.status).toBe(200);
    expect(released.body.bookedLead).toMatchObject({ id: theirs.id, fullName: null });
    expect(JSON.stringify(released.body)).not.toContain(theirs.fullName);
    const own = await second.get(`/api/flats/${flat.id}`);
    expect(own.body.bookedLead).toMatchObject({ id: theirs.id, fullName: theirs.fullName });
  });
});

describe("receipts", () => {
  it("spreads a lump sum over the oldest open instalments under one receipt number", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { deal } = await signedDeal(agent, user.id);
    // Down payment 180,000,000.00; six instalments of 70,000,000.00.
    const res = await cashier
      .post(`/api/deals/${deal.id}/receipts`)
      .send({ amount: 250_000_000_00 + 30_000_000_00, method: "BANK_TRANSFER" });
    expect(res.status).toBe(200);
    const [down, first, second] = res.body.schedule;
    expect(down).toMatchObject({ status: "PAID", paidAmount: 180_000_000_00 });
    expect(first).toMatchObject({ status: "PAID", paidAmount: 70_000_000_00 });
    expect(second).toMatchObject({ status: "SCHEDULED", paidAmount: 30_000_000_00 });
    expect(res.body.receipts).toHaveLength(3);
    expect(new Set(res.body.receipts.map((r: { number: string }) => r.number)).size).toBe(1);
    expect(res.body.paid).toBe(280_000_000_00);
  });

  it("refuses more than the contract owes and records nothing", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { deal } = await signedDeal(agent, user.id);
    const before = await counts();
    const res = await cashier
      .post(`/api/deals/${deal.id}/receipts`)
      .send({ amount: PRICE + 1, method: "CASH" });
    expect(res.status).toBe(409);
    expect(res.body.remaining).toBe(PRICE);
    expect(await counts()).toEqual(before);
  });

  it("reverses a wrong receipt with a reason: kept on record, the balance recomputed", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: cashier } = await ctx.loginAs("FINANCIER");
    const { deal } = await signedDeal(agent, user.id);
    const paymentId = deal.schedule[0]!.id;
    await cashier.post(`/api/payments/${paymentId}/record`).send({ amount: 100, method: "CASH" });
    await cashier
      .post(`/api/payments/${paymentId}/record`)
      .send({ amount: 180_000_000_00 - 100, method: "CARD" });
    const paid = await cashier.get(`/api/deals/${deal.id}`);
    expect(paid.body.schedule[0]).toMatchObject({ status: "PAID", method: "CARD" });
    const wrong = paid.body.receipts.find((r: { method: string }) => r.method === "CARD");
    expect(
      (await agent.post(`/api/receipts/${wrong.id}/reverse`).send({ reason: "ошибка" })).status,
    ).toBe(403);
    expect(
      (await cashier.post(`/api/receipts/${wrong.id}/reverse`).send({ reason: "" })).status,
    ).toBe(400);
    const reversed = await cashier
      .post(`/api/receipts/${wrong.id}/reverse`)
      .send({ reason: "Не тот договор" });
    expect(reversed.status).toBe(200);
    expect(reversed.body.schedule[0]).toMatchObject({
      status: "SCHEDULED",
      paidAmount: 100,
      method: "CASH",
    });
    expect(reversed.body.receipts).toHaveLength(2);
    expect(reversed.body.receipts.find((r: { id: number }) => r.id === wrong.id)).toMatchObject({
      reversalReason: "Не тот договор",
      reversedAt: expect.any(String),
    });
    expect(
      (await cashier.post(`/api/receipts/${wrong.id}/reverse`).send({ reason: "again" })).status,
    ).toBe(409);
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "payment.reverse", entityId: String(paymentId) },
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ reversed: 180_000_000_00 - 100 });
  });
});

describe("callbacks", () => {
  it("lists a seller's calls only on leads the seller may see", async () => {
    const { agent: seller, user: sellerUser } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const other = await ctx.createUser({ role: "SELLER" });
    const theirs = await newLead(other.id);
    const mine = await newLead(sellerUser.id);
    const due = new Date(Date.now() + 3_600_000).toISOString();
    // A sales manager schedules a call for the seller on another seller's lead.
    expect(
      (
        await mop
          .post(`/api/leads/${theirs.id}/callbacks`)
          .send({ dueAt: due, userId: sellerUser.id })
      ).status,
    ).toBe(201);
    expect((await seller.post(`/api/leads/${mine.id}/callbacks`).send({ dueAt: due })).status).toBe(
      201,
    );
    // The seller's own lead goes to someone else.
    expect(
      (await mop.post(`/api/leads/${mine.id}/reassign`).send({ ownerId: other.id })).status,
    ).toBe(200);
    const listed = await seller.get("/api/callbacks?bucket=today");
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(theirs.fullName);
    expect(text).not.toContain(mine.fullName);
    expect(text).not.toContain(theirs.phone);
  });
});

describe("races", () => {
  // Each round starts both writes at once; the invariant must hold whichever wins.
  const ROUNDS = testProvider() === "postgres" ? 15 : 5;

  it("a flat's status change racing a booking never leaves an unavailable flat with a hold", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    for (let round = 0; round < ROUNDS; round++) {
      const { flat } = await complexWithFlat();
      const lead = await newLead(user.id);
      const [edit, booking] = await Promise.all([
        admin.patch(`/api/flats/${flat.id}`).send({ status: "UNAVAILABLE", price: PRICE + 1 }),
        seller.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id }),
      ]);
      expect([edit.status, booking.status].sort()).not.toContain(500);
      const after = await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } });
      if (after.status === "UNAVAILABLE") expect(after.bookedLeadId).toBeNull();
      if (after.bookedLeadId !== null) expect(after.status).toBe("BOOKED");
      // Exactly the writes that answered 200 took effect.
      expect(after.status === "BOOKED").toBe(booking.status === 200);
    }
  });

  it("a lead's status change racing a booking never leaves a flat held by a lead not BOOKED", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    for (let round = 0; round < ROUNDS; round++) {
      const { flat } = await complexWithFlat();
      const lead = await newLead(user.id);
      const [lost, booking] = await Promise.all([
        agent.patch(`/api/leads/${lead.id}`).send({ status: "LOST", lostReason: "передумал" }),
        agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id }),
      ]);
      expect([200, 409]).toContain(lost.status);
      expect([200, 409]).toContain(booking.status);
      const after = await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      const held = await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } });
      if (held.bookedLeadId === lead.id) expect(after.status).toBe("BOOKED");
      if (after.status === "LOST") expect(held.status).toBe("FREE");
    }
  });

  it("a lead edit racing the signing of its contract never undoes SOLD", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    for (let round = 0; round < ROUNDS; round++) {
      const { flat } = await complexWithFlat();
      const lead = await newLead(user.id);
      await book(agent, flat.id, lead.id);
      const created = await draft(agent, lead.id);
      const [sign, edit] = await Promise.all([
        agent.post(`/api/deals/${created.body.id}/sign`),
        agent.patch(`/api/leads/${lead.id}`).send({ note: `round ${round}`, region: "Самарканд" }),
      ]);
      expect(sign.status).toBe(200);
      expect([200, 409]).toContain(edit.status);
      const after = await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.status).toBe("SOLD");
      if (edit.status === 200) expect(after.note).toBe(`round ${round}`);
    }
  });
});
