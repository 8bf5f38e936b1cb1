import { reminders } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

async function lead(ownerId: number | null) {
  seq += 1;
  return ctx.db.lead.create({
    data: {
      fullName: `Notified ${seq}`,
      phone: `+99894${String(3_000_000 + seq).slice(-7)}`,
      ownerId,
    },
  });
}

const kindsOf = async (userId: number) =>
  (await ctx.db.notification.findMany({ where: { userId }, orderBy: { id: "asc" } })).map(
    (row) => row.kind,
  );

describe("notifications", () => {
  it("tells a seller when a lead is given to them, and not the manager who gave it", async () => {
    const { agent: mop, user: mopUser } = await ctx.loginAs("MOP");
    const seller = await ctx.createUser({ role: "SELLER" });
    const created = await mop
      .post("/api/leads")
      .send({ fullName: "Новый Лид", phone: "+998947000001", ownerId: seller.id });
    expect(created.status).toBe(201);
    const other = await lead(null);
    await mop.post(`/api/leads/${other.id}/reassign`).send({ ownerId: seller.id });
    expect(await kindsOf(seller.id)).toEqual(["lead.assigned", "lead.assigned"]);
    expect(await kindsOf(mopUser.id)).toEqual([]);
  });

  it("shows a user only their own notifications, counts unread and marks them read", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: stranger } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    for (let i = 0; i < 3; i++) {
      const row = await lead(null);
      await mop.post(`/api/leads/${row.id}/reassign`).send({ ownerId: user.id });
    }
    const list = await agent.get("/api/notifications?limit=2");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.unread).toBe(3);
    expect(list.body.items[0]).toMatchObject({ kind: "lead.assigned", readAt: null });
    expect(list.body.items[0].payload.leadName).toMatch(/^Notified/);
    const next = await agent.get(`/api/notifications?limit=2&before=${list.body.nextBefore}`);
    expect(next.body.items).toHaveLength(1);
    expect((await stranger.get("/api/notifications")).body.items).toEqual([]);
    // Marking someone else's ids read changes nothing of theirs.
    await stranger.post("/api/notifications/read").send({ ids: [list.body.items[0].id] });
    expect((await agent.get("/api/notifications/unread")).body.unread).toBe(3);
    const read = await agent.post("/api/notifications/read").send({ ids: [list.body.items[0].id] });
    expect(read.body.unread).toBe(2);
    expect((await agent.post("/api/notifications/read").send({ all: true })).body.unread).toBe(0);
  });

  it("rings only the bell of the seller a lead is reassigned to, until they read it", async () => {
    const { agent: a, user: userA } = await ctx.loginAs("SELLER");
    const { agent: b } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    expect((await a.get("/api/notifications/unread")).body).toEqual({ unread: 0, latestId: null });
    const row = await lead(null);
    const reassigned = await mop.post(`/api/leads/${row.id}/reassign`).send({ ownerId: userA.id });
    expect(reassigned.status).toBe(200);

    const summary = await a.get("/api/notifications/unread");
    expect(summary.status).toBe(200);
    const list = await a.get("/api/notifications?unread=true");
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: summary.body.latestId,
        kind: "lead.assigned",
        entity: "Lead",
        entityId: String(row.id),
        payload: { leadId: row.id, leadName: row.fullName },
        readAt: null,
      }),
    ]);
    expect(summary.body.unread).toBe(1);
    expect((await b.get("/api/notifications/unread")).body).toEqual({ unread: 0, latestId: null });
    expect((await b.get("/api/notifications")).body.items).toEqual([]);

    const id = summary.body.latestId as number;
    for (const body of [
      {},
      { ids: [] },
      { ids: ["x"] },
      { ids: [id], all: true },
      { all: false },
    ]) {
      const refused = await a.post("/api/notifications/read").send(body);
      expect(refused.status).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(refused.body).toMatchObject({ status: 400 });
    }
    expect((await b.post("/api/notifications/read").send({ ids: [id] })).body.unread).toBe(0);
    expect((await b.post("/api/notifications/read").send({ all: true })).body.unread).toBe(0);
    expect((await a.get("/api/notifications/unread")).body).toEqual({ unread: 1, latestId: id });

    const read = await a.post("/api/notifications/read").send({ ids: [id] });
    expect(read.body).toEqual({ unread: 0 });
    expect((await a.get("/api/notifications/unread")).body).toEqual({ unread: 0, latestId: null });
    expect((await a.get("/api/notifications")).body.items[0].readAt).toEqual(expect.any(String));
  });

  it("asks a head of sales and an admin to approve a contract below the discount limit, then tells its author", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: rop, user: ropUser } = await ctx.loginAs("ROP");
    const complex = await ctx.db.complex.create({
      data: { name: "Approval", slug: `approval-${Date.now()}`, city: "Ташкент" },
    });
    const flat = await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 1,
        number: "1",
        rooms: 1,
        area: 40,
        price: 100_000_000n,
      },
    });
    const buyer = await lead(user.id);
    await seller.post(`/api/flats/${flat.id}/book`).send({ leadId: buyer.id });
    const deal = await seller
      .post("/api/deals")
      .send({ leadId: buyer.id, price: 90_000_000, downPayment: 90_000_000, installmentMonths: 0 });
    expect(deal.body.approval).toBe("PENDING");
    const asked = await ctx.db.notification.findFirst({
      where: { userId: ropUser.id, kind: "deal.awaiting-approval" },
    });
    expect(JSON.parse(asked!.payload)).toMatchObject({ dealId: deal.body.id, discountPct: 10 });
    await rop.post(`/api/deals/${deal.body.id}/approve`).send({});
    expect(await kindsOf(user.id)).toContain("deal.decided");
  });

  it("reminds each call, hold and overdue instalment once, however often the scan runs", async () => {
    const { user } = await ctx.loginAs("SELLER");
    const finance = await ctx.createUser({ role: "FINANCIER" });
    const now = new Date();
    const row = await lead(user.id);
    await ctx.db.callback.create({
      data: { leadId: row.id, userId: user.id, dueAt: new Date(now.getTime() + 10 * 60_000) },
    });
    await ctx.db.callback.create({
      data: { leadId: row.id, userId: user.id, dueAt: new Date(now.getTime() + 60 * 60_000) },
    });
    const complex = await ctx.db.complex.create({
      data: { name: "Reminders", slug: `reminders-${Date.now()}`, city: "Ташкент" },
    });
    const flat = await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 1,
        number: "R1",
        rooms: 1,
        area: 40,
        price: 1n,
        status: "BOOKED",
        bookedLeadId: row.id,
        bookedUntil: new Date(now.getTime() + 5 * 3_600_000),
      },
    });
    const contract = await ctx.db.contract.create({
      data: {
        number: `R-${Date.now()}`,
        leadId: row.id,
        apartmentId: flat.id,
        price: 100n,
        currency: "UZS",
        status: "SIGNED",
      },
    });
    await ctx.db.payment.create({
      data: {
        leadId: row.id,
        contractId: contract.id,
        amount: 100n,
        currency: "UZS",
        dueDate: new Date(now.getTime() - 5 * 86_400_000),
        status: "OVERDUE",
      },
    });
    await Promise.all([reminders.scanReminders(ctx.db, now), reminders.scanReminders(ctx.db, now)]);
    await reminders.scanReminders(ctx.db, now);
    expect((await kindsOf(user.id)).sort()).toEqual([
      "callback.due",
      "hold.expiring",
      "instalment.overdue",
    ]);
    expect(await kindsOf(finance.id)).toEqual(["instalment.overdue"]);
    const hold = await ctx.db.notification.findFirst({
      where: { userId: user.id, kind: "hold.expiring" },
    });
    expect(JSON.parse(hold!.payload)).toMatchObject({ flatId: flat.id, complexId: complex.id });
  });

  it("keeps each user's email, language and channel choices, with defaults for the rest", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const initial = await agent.get("/api/profile");
    expect(initial.body).toMatchObject({ email: null, language: "ru", telegramLinked: false });
    expect(initial.body.notificationPrefs["lead.assigned"]).toEqual({
      email: true,
      telegram: true,
    });
    const changed = await agent.patch("/api/profile").send({
      email: "Seller@Example.uz",
      language: "uz",
      notificationPrefs: { "lead.assigned": { email: false, telegram: true } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email: "seller@example.uz", language: "uz" });
    expect(changed.body.notificationPrefs["lead.assigned"]).toEqual({
      email: false,
      telegram: true,
    });
    expect(changed.body.notificationPrefs["callback.due"]).toEqual({
      email: false,
      telegram: true,
    });
    const taken = await other.patch("/api/profile").send({ email: "seller@example.uz" });
    expect(taken.status).toBe(409);
    expect((await other.patch("/api/profile").send({ email: "not an email" })).status).toBe(400);
    expect(
      (await other.patch("/api/profile").send({ notificationPrefs: { "no.such": {} } })).status,
    ).toBe(400);
  });
});
