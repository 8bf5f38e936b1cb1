import { dealRoutes, inventoryRoutes, leadRoutes, mayCall, userRoutes } from "@crm/contracts";
import type { TRoleCode, TSearchResult } from "@crm/contracts";
import { useTestContext } from "./harness";

/** The header's search: each kind only as far as the role may list it, scoped like the lists. */
const ctx = useTestContext();
const run = `${process.pid % 1000}`;

async function seedWorld() {
  const sellerA = await ctx.loginAs("SELLER");
  const sellerB = await ctx.loginAs("SELLER");
  const complex = await ctx.db.complex.create({
    data: { name: "ЖК Поиск", slug: `search-${run}-${Date.now()}`, city: "Ташкент" },
  });
  const flat = await ctx.db.apartment.create({
    data: {
      complexId: complex.id,
      block: "A",
      floor: 7,
      number: `Q${run}-701`,
      rooms: 2,
      area: 60,
      price: 600_000_000_00n,
    },
  });
  // Through the API, as a seller enters them (a seller's new lead is their own).
  const created = async (agent: typeof sellerA.agent, fullName: string, phone: string) => {
    const res = await agent.post("/api/leads").send({ fullName, phone });
    expect(res.status).toBe(201);
    return res.body as { id: number };
  };
  const mine = await created(sellerA.agent, `Зульфия Искомая`, "+998935550101");
  const theirs = await created(sellerB.agent, `Зульфия Чужая`, "+998935550102");
  // A signed deal on seller A's lead, numbered like every deal.
  await sellerA.agent.post(`/api/flats/${flat.id}/book`).send({ leadId: mine.id }).expect(200);
  const deal = await sellerA.agent
    .post("/api/deals")
    .send({ leadId: mine.id, downPayment: 180_000_000_00, installmentMonths: 6 });
  expect(deal.status).toBe(201);
  return {
    sellerA,
    sellerB,
    flat,
    mine,
    theirs,
    deal: deal.body as { id: number; number: string },
  };
}

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(async () => {
  world = await seedWorld();
});

const ids = (result: TSearchResult, kind: string) =>
  result.items.filter((hit) => hit.kind === kind).map((hit) => hit.id);

describe("global search", () => {
  it("finds a seller's own leads by name and phone, never another seller's", async () => {
    const byName = await world.sellerA.agent.get("/api/search").query({ q: `Зульфия` });
    expect(byName.status).toBe(200);
    expect(ids(byName.body, "lead")).toContain(world.mine.id);
    expect(ids(byName.body, "lead")).not.toContain(world.theirs.id);
    const byPhone = await world.sellerA.agent.get("/api/search").query({ q: "+998 93 555 01 01" });
    expect(ids(byPhone.body, "lead")).toEqual([world.mine.id]);
    const theirPhone = await world.sellerA.agent.get("/api/search").query({ q: "935550102" });
    expect(ids(theirPhone.body, "lead")).toEqual([]);
  });

  it("shows a manager the whole team's leads, and deals and flats by number with links", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const leads = await agent.get("/api/search").query({ q: "Зульфия" });
    expect(ids(leads.body, "lead")).toEqual(
      expect.arrayContaining([world.mine.id, world.theirs.id]),
    );
    const flats = await agent.get("/api/search").query({ q: `Q${run}-701` });
    expect(flats.body.items).toContainEqual(
      expect.objectContaining({
        kind: "flat",
        id: world.flat.id,
        href: `/complexes/${world.flat.complexId}/grid?flat=${world.flat.id}`,
      }),
    );
    const deals = await agent.get("/api/search").query({ q: world.deal.number });
    expect(deals.body.items).toContainEqual(
      expect.objectContaining({ kind: "deal", id: world.deal.id, href: `/deals/${world.deal.id}` }),
    );
  });

  it("finds another seller's deal for nobody but its owner's managers", async () => {
    const other = await world.sellerB.agent.get("/api/search").query({ q: world.deal.number });
    expect(other.status).toBe(200);
    expect(ids(other.body, "deal")).toEqual([]);
    const owner = await world.sellerA.agent.get("/api/search").query({ q: world.deal.number });
    expect(ids(owner.body, "deal")).toEqual([world.deal.id]);
  });

  it("searches each kind only for roles that may list it", async () => {
    for (const role of ["ADMIN", "ROP", "MOP", "SELLER", "FINANCIER"] as TRoleCode[]) {
      const { agent, user } = await ctx.loginAs(role);
      const res = await agent.get("/api/search").query({ q: user.login.slice(0, 6) });
      expect(res.status).toBe(200);
      const expected = [
        mayCall(leadRoutes.list, role) && "lead",
        mayCall(inventoryRoutes.getFlat, role) && "flat",
        mayCall(dealRoutes.list, role) && "deal",
        mayCall(userRoutes.list, role) && "user",
      ].filter(Boolean);
      expect({ role, kinds: res.body.kinds }).toEqual({ role, kinds: expected });
      const kinds = new Set((res.body as TSearchResult).items.map((hit) => hit.kind));
      for (const kind of kinds) expect(expected).toContain(kind);
      if (role === "ADMIN") expect(ids(res.body, "user")).toContain(user.id);
      if (role === "SELLER") expect(kinds.has("user")).toBe(false);
    }
  });

  it("answers 400 to a term too short or too long, and 401 without a session", async () => {
    const { agent } = await ctx.loginAs("MOP");
    expect((await agent.get("/api/search").query({ q: "a" })).status).toBe(400);
    expect((await agent.get("/api/search").query({ q: "x".repeat(101) })).status).toBe(400);
    expect((await agent.get("/api/search").query({ q: "abc\u0000" })).status).toBe(400);
    const { default: request } = await import("supertest");
    expect((await request(ctx.app).get("/api/search").query({ q: "abc" })).status).toBe(401);
  });
});
