import { decodeGrid, ZGrid } from "@crm/contracts";
import { holds } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

async function complexWithFlats(
  layout: { block: string; floors: number; perFloor: number }[] = [
    { block: "A", floors: 2, perFloor: 2 },
  ],
) {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК ${seq}`, slug: `inv-${seq}-${Date.now()}`, city: "Ташкент" },
  });
  for (const { block, floors, perFloor } of layout) {
    for (let floor = 1; floor <= floors; floor++) {
      for (let unit = 1; unit <= perFloor; unit++) {
        await ctx.db.apartment.create({
          data: {
            complexId: complex.id,
            block,
            floor,
            number: `${floor}${String(unit).padStart(2, "0")}`,
            rooms: unit,
            area: 40 + unit * 10,
            price: BigInt((40 + unit * 10) * 10_000_000_00),
          },
        });
      }
    }
  }
  return complex;
}

async function leadFor(ownerId: number) {
  seq += 1;
  return ctx.db.lead.create({
    data: {
      fullName: `Buyer ${seq}`,
      phone: `+99899${String(1_000_000 + seq).slice(-7)}`,
      ownerId,
      status: "MEETING",
    },
  });
}

describe("complexes", () => {
  it("lets an admin create and change a complex, and refuses a taken slug", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const created = await agent
      .post("/api/complexes")
      .send({ name: "ЖК Yangi Hayot", slug: "yangi-hayot", city: "Ташкент", currency: "USD" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: "yangi-hayot",
      currency: "USD",
      isPublished: false,
      flats: { FREE: 0 },
    });
    expect(
      (await agent.post("/api/complexes").send({ name: "X", slug: "yangi-hayot", city: "Y" }))
        .status,
    ).toBe(409);
    const changed = await agent
      .patch(`/api/complexes/${created.body.id}`)
      .send({ isPublished: true });
    expect(changed.body.isPublished).toBe(true);
    expect(
      (await agent.post("/api/complexes").send({ name: "X", slug: "Bad Slug", city: "Y" })).status,
    ).toBe(400);
  });

  it("counts flats by status", async () => {
    const complex = await complexWithFlats();
    const { agent } = await ctx.loginAs("SELLER");
    const res = await agent.get(`/api/complexes/${complex.id}`);
    expect(res.body.flats).toEqual({ FREE: 4, BOOKED: 0, SOLD: 0, UNAVAILABLE: 0 });
  });
});

describe("шахматка", () => {
  it("returns blocks × floors (top first) × flats in order, with filters marking cells", async () => {
    const complex = await complexWithFlats([
      { block: "B", floors: 2, perFloor: 3 },
      { block: "A", floors: 3, perFloor: 2 },
    ]);
    const { agent } = await ctx.loginAs("SELLER");
    const res = await agent.get(`/api/complexes/${complex.id}/grid?rooms=2`);
    expect(res.status).toBe(200);
    // The wire is columnar and valid against its contract; decoded it is blocks × floors × flats.
    const wire = ZGrid.parse(res.body);
    expect(wire.blocks[0]!.flatsPerFloor).toEqual([2, 2, 2]);
    const grid = decodeGrid(wire);
    expect(grid.blocks.map((b) => b.block)).toEqual(["A", "B"]);
    expect(grid.blocks[0]!.floors.map((f) => f.floor)).toEqual([3, 2, 1]);
    expect(grid.blocks[1]!.floors[0]!.flats.map((f) => f.number)).toEqual(["201", "202", "203"]);
    const cells = grid.blocks.flatMap((b) => b.floors.flatMap((f) => f.flats));
    expect(cells).toHaveLength(12);
    expect(cells.every((cell) => cell.match === (cell.rooms === 2))).toBe(true);
    expect(cells.filter((cell) => cell.match).length).toBeGreaterThan(0);
    expect(grid.counts.FREE).toBe(12);
    expect(cells[0]!.pricePerM2).toBe(10_000_000_00);
    expect(cells.every((cell) => cell.status === "FREE" && cell.bookedLeadId === null)).toBe(true);
  });

  it("answers 404 for an unknown complex", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    expect((await agent.get("/api/complexes/999999/grid")).status).toBe(404);
  });
});

describe("flats", () => {
  it("keeps a price change in the flat's history and the audit log", async () => {
    const complex = await complexWithFlats();
    const { agent } = await ctx.loginAs("ADMIN");
    const flat = await agent
      .post(`/api/complexes/${complex.id}/flats`)
      .send({ block: "C", floor: 5, number: "501", rooms: 2, area: 61.5, price: 700_000_000_00 });
    expect(flat.status).toBe(201);
    expect(flat.body).toMatchObject({
      currency: "UZS",
      status: "FREE",
      pricePerM2: Math.round(700_000_000_00 / 61.5),
    });
    expect(
      (
        await agent
          .post(`/api/complexes/${complex.id}/flats`)
          .send({ block: "C", floor: 5, number: "501", rooms: 2, area: 61.5, price: 1 })
      ).status,
    ).toBe(409);
    await agent.patch(`/api/flats/${flat.body.id}`).send({ price: 720_000_000_00 });
    const detail = await agent.get(`/api/flats/${flat.body.id}`);
    expect(detail.body.priceHistory.map((entry: { price: number }) => entry.price)).toEqual([
      720_000_000_00, 700_000_000_00,
    ]);
    const row = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "apartment.price", entityId: String(flat.body.id) },
    });
    expect(JSON.parse(row.after!)).toEqual({ price: 72_000_000_000, currency: "UZS" });
  });

  it("does not let anyone set BOOKED or SOLD by hand", async () => {
    const complex = await complexWithFlats();
    const { agent } = await ctx.loginAs("ADMIN");
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    expect((await agent.patch(`/api/flats/${flat.id}`).send({ status: "SOLD" })).status).toBe(400);
  });
});

describe("booking", () => {
  it("holds a free flat for the seller's own lead, marks the lead BOOKED and audits both", async () => {
    const complex = await complexWithFlats();
    const { agent, user } = await ctx.loginAs("SELLER");
    const lead = await leadFor(user.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    const res = await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "BOOKED", bookedLead: { id: lead.id } });
    const days = (new Date(res.body.bookedUntil).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("BOOKED");
    expect(
      await ctx.db.auditLog.count({
        where: { action: "apartment.book", entityId: String(flat.id) },
      }),
    ).toBe(1);
    expect((await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id })).status).toBe(
      409,
    );
  });

  it("will not book with another seller's lead (404) or a lost lead (409)", async () => {
    const complex = await complexWithFlats();
    const { agent } = await ctx.loginAs("SELLER");
    const other = await ctx.createUser({ role: "SELLER" });
    const foreign = await leadFor(other.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    expect(
      (await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: foreign.id })).status,
    ).toBe(404);
    const { agent: mop } = await ctx.loginAs("MOP");
    const lost = await ctx.db.lead.update({
      where: { id: foreign.id },
      data: { status: "LOST", lostReason: "x" },
    });
    expect((await mop.post(`/api/flats/${flat.id}/book`).send({ leadId: lost.id })).status).toBe(
      409,
    );
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).status).toBe(
      "FREE",
    );
  });

  it("lets exactly one of 100 concurrent bookings of one flat win; the rest get 409", async () => {
    const complex = await complexWithFlats();
    const { agent, user } = await ctx.loginAs("MOP");
    const seller = await ctx.createUser({ role: "SELLER" });
    const leads = [];
    for (let i = 0; i < 100; i++) leads.push(await leadFor(i % 2 ? seller.id : user.id));
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    const results = await Promise.all(
      leads.map((lead) => agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id })),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    const winner = results.find((res) => res.status === 200)!.body.bookedLead.id;
    const row = await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } });
    expect(row.bookedLeadId).toBe(winner);
    expect(
      await ctx.db.lead.count({
        where: { id: { in: leads.map((lead) => lead.id) }, status: "BOOKED" },
      }),
    ).toBe(1);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "apartment.book", entityId: String(flat.id) },
      }),
    ).toBe(1);
  });

  it("prolongs within the maximum, refuses beyond it, and releases back to FREE", async () => {
    const complex = await complexWithFlats();
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const lead = await leadFor(user.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id, days: 3 });
    expect((await agent.post(`/api/flats/${flat.id}/prolong`).send({ days: 7 })).status).toBe(200);
    expect((await agent.post(`/api/flats/${flat.id}/prolong`).send({ days: 7 })).status).toBe(409);
    expect((await other.post(`/api/flats/${flat.id}/release`)).status).toBe(403);
    const released = await agent.post(`/api/flats/${flat.id}/release`);
    expect(released.body).toMatchObject({ status: "FREE", bookedLead: null, bookedUntil: null });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe(
      "IN_PROGRESS",
    );
    expect((await agent.post(`/api/flats/${flat.id}/release`)).status).toBe(409);
  });

  it("releases expired holds and only those", async () => {
    const complex = await complexWithFlats();
    const { user } = await ctx.loginAs("SELLER");
    const [expired, current] = await ctx.db.apartment.findMany({
      where: { complexId: complex.id },
      take: 2,
      orderBy: { id: "asc" },
    });
    const a = await leadFor(user.id);
    const b = await leadFor(user.id);
    await ctx.db.apartment.update({
      where: { id: expired!.id },
      data: { status: "BOOKED", bookedLeadId: a.id, bookedUntil: new Date(Date.now() - 60_000) },
    });
    await ctx.db.apartment.update({
      where: { id: current!.id },
      data: {
        status: "BOOKED",
        bookedLeadId: b.id,
        bookedUntil: new Date(Date.now() + 86_400_000),
      },
    });
    await ctx.db.lead.update({ where: { id: a.id }, data: { status: "BOOKED" } });
    expect((await holds.releaseExpiredHolds(ctx.db)).released).toBeGreaterThanOrEqual(1);
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: expired!.id } })).status).toBe(
      "FREE",
    );
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: current!.id } })).status).toBe(
      "BOOKED",
    );
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: a.id } })).status).toBe(
      "IN_PROGRESS",
    );
    expect(
      await ctx.db.auditLog.count({
        where: { action: "apartment.expire", entityId: String(expired!.id) },
      }),
    ).toBe(1);
  });
});

describe("booking queue", () => {
  it("gives the flat to the first lead in line when the hold is released", async () => {
    const complex = await complexWithFlats();
    const { agent: first, user: firstUser } = await ctx.loginAs("SELLER");
    const { agent: second, user: secondUser } = await ctx.loginAs("SELLER");
    const holder = await leadFor(firstUser.id);
    const waiting = await leadFor(secondUser.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    expect(
      (await second.post(`/api/flats/${flat.id}/queue`).send({ leadId: waiting.id })).status,
    ).toBe(409); // free: book it
    await first.post(`/api/flats/${flat.id}/book`).send({ leadId: holder.id });
    const queued = await second.post(`/api/flats/${flat.id}/queue`).send({ leadId: waiting.id });
    expect(queued.status).toBe(200);
    expect(queued.body.queue).toEqual([
      expect.objectContaining({ leadId: waiting.id, fullName: waiting.fullName }),
    ]);
    expect(
      (await second.post(`/api/flats/${flat.id}/queue`).send({ leadId: waiting.id })).status,
    ).toBe(409);
    const seenByHolder = await first.get(`/api/flats/${flat.id}`);
    expect(seenByHolder.body.queue).toEqual([
      expect.objectContaining({ leadId: waiting.id, fullName: null }),
    ]);
    const seenByWaiting = await second.get(`/api/flats/${flat.id}`);
    expect(seenByWaiting.body.bookedLead).toMatchObject({ id: holder.id, fullName: null });
    expect(seenByHolder.body.bookedLead).toMatchObject({
      id: holder.id,
      fullName: holder.fullName,
    });

    await first.post(`/api/flats/${flat.id}/release`);
    const after = await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } });
    expect(after).toMatchObject({ status: "BOOKED", bookedLeadId: waiting.id });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe(
      "BOOKED",
    );
    expect(await ctx.db.bookingQueueEntry.count({ where: { apartmentId: flat.id } })).toBe(0);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "apartment.offer", entityId: String(flat.id) },
      }),
    ).toBe(1);
  });

  it("passes an expired hold to the next lead that can still buy, skipping lost ones", async () => {
    const complex = await complexWithFlats();
    const { agent, user } = await ctx.loginAs("MOP");
    const [holder, lost, next] = [
      await leadFor(user.id),
      await leadFor(user.id),
      await leadFor(user.id),
    ];
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: holder.id });
    await agent.post(`/api/flats/${flat.id}/queue`).send({ leadId: lost.id });
    await agent.post(`/api/flats/${flat.id}/queue`).send({ leadId: next.id });
    await ctx.db.lead.update({
      where: { id: lost.id },
      data: { status: "LOST", lostReason: "ушёл" },
    });
    await ctx.db.apartment.update({
      where: { id: flat.id },
      data: { bookedUntil: new Date(Date.now() - 1000) },
    });
    await holds.releaseExpiredHolds(ctx.db);
    expect(
      (await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).bookedLeadId,
    ).toBe(next.id);
  });

  it("lets only the lead's seller or a manager take it out of line", async () => {
    const complex = await complexWithFlats();
    const { agent: owner, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const { agent: mop, user: mopUser } = await ctx.loginAs("MOP");
    const holder = await leadFor(mopUser.id);
    const waiting = await leadFor(user.id);
    const flat = await ctx.db.apartment.findFirstOrThrow({ where: { complexId: complex.id } });
    await mop.post(`/api/flats/${flat.id}/book`).send({ leadId: holder.id });
    await owner.post(`/api/flats/${flat.id}/queue`).send({ leadId: waiting.id });
    expect((await other.delete(`/api/flats/${flat.id}/queue/${waiting.id}`)).status).toBe(404);
    const removed = await owner.delete(`/api/flats/${flat.id}/queue/${waiting.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.queue).toEqual([]);
  });
});
