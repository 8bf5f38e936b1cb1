import type { TFlatSearchItem } from "@crm/contracts";
import type { Agent } from "supertest";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

/** A complex with the given flats (numbered in order); prices are whole UZS. */
async function complexWith(
  flats: {
    rooms: number;
    area: number;
    price: number;
    status?: "FREE" | "BOOKED" | "SOLD" | "UNAVAILABLE";
    currency?: "UZS" | "USD";
  }[],
) {
  seq += 1;
  const complex = await ctx.db.complex.create({
    data: { name: `ЖК Поиск ${seq}`, slug: `search-${seq}-${Date.now()}`, city: "Ташкент" },
  });
  const created = [];
  for (const [index, flat] of flats.entries()) {
    created.push(
      await ctx.db.apartment.create({
        data: {
          complexId: complex.id,
          block: "A",
          floor: index + 1,
          number: `${index + 1}01`,
          rooms: flat.rooms,
          area: flat.area,
          price: BigInt(flat.price * 100),
          currency: flat.currency ?? "UZS",
          status: flat.status ?? "FREE",
        },
      }),
    );
  }
  return { complex, flats: created };
}

/** A price window of its own per test, so flats of other tests never fall into it. */
const windowOf = (n: number) => ({ min: n * 1_000_000_000, max: n * 1_000_000_000 + 999_999_999 });

async function searchAll(agent: Agent, query: string) {
  const items: TFlatSearchItem[] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(
      `/api/flats/search?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...(res.body.items as TFlatSearchItem[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe("flat search", () => {
  it("lists free flats of every complex, cheapest first, with complex name and price per m²", async () => {
    const range = windowOf(1);
    const one = await complexWith([
      { rooms: 2, area: 50, price: range.min + 300 },
      { rooms: 2, area: 60, price: range.min + 100, status: "BOOKED" },
      { rooms: 3, area: 80, price: range.min + 200, status: "SOLD" },
    ]);
    const two = await complexWith([
      { rooms: 2, area: 40, price: range.min + 200 },
      { rooms: 1, area: 30, price: range.min + 50, status: "UNAVAILABLE" },
    ]);
    const { agent } = await ctx.loginAs("SELLER");
    const res = await agent.get(
      `/api/flats/search?currency=UZS&priceMin=${range.min * 100}&priceMax=${range.max * 100}`,
    );
    expect(res.status).toBe(200);
    const items = res.body.items as TFlatSearchItem[];
    expect(items.map((item) => item.id)).toEqual([two.flats[0]!.id, one.flats[0]!.id]);
    expect(items.every((item) => item.status === "FREE" && item.bookedLead === null)).toBe(true);
    expect(items[0]).toMatchObject({
      complexId: two.complex.id,
      complexName: two.complex.name,
      block: "A",
      floor: 1,
      rooms: 2,
      area: 40,
      price: (range.min + 200) * 100,
      pricePerM2: Math.round(((range.min + 200) * 100) / 40),
      currency: "UZS",
    });
    expect(res.body.nextCursor).toBeNull();
  });

  it("filters by rooms, price, currency, area and complex", async () => {
    const range = windowOf(2);
    const { complex, flats } = await complexWith([
      { rooms: 1, area: 35, price: range.min + 100 },
      { rooms: 2, area: 55, price: range.min + 200 },
      { rooms: 2, area: 70, price: range.min + 300 },
      { rooms: 2, area: 56, price: range.min + 900 },
      { rooms: 2, area: 55, price: range.min + 200, currency: "USD" },
    ]);
    const other = await complexWith([{ rooms: 2, area: 55, price: range.min + 250 }]);
    const { agent } = await ctx.loginAs("SELLER");
    const inWindow = `currency=UZS&priceMin=${range.min * 100}`;
    const ids = async (query: string) =>
      (await searchAll(agent, `${inWindow}&${query}`)).map((item) => item.id);

    expect(await ids(`rooms=2&priceMax=${(range.min + 300) * 100}`)).toEqual([
      flats[1]!.id,
      other.flats[0]!.id,
      flats[2]!.id,
    ]);
    expect(await ids(`rooms=2&areaMin=60&priceMax=${range.max * 100}`)).toEqual([flats[2]!.id]);
    expect(await ids(`areaMax=40&priceMax=${range.max * 100}`)).toEqual([flats[0]!.id]);
    expect(await ids(`complexId=${other.complex.id}`)).toEqual([other.flats[0]!.id]);
    const usd = await searchAll(
      agent,
      `currency=USD&priceMin=${range.min * 100}&priceMax=${range.max * 100}`,
    );
    expect(usd.map((item) => item.id)).toEqual([flats[4]!.id]);
    expect(complex.id).not.toBe(other.complex.id);
  });

  it("pages through ties in price without losing or repeating a flat", async () => {
    const range = windowOf(3);
    const { flats } = await complexWith(
      Array.from({ length: 7 }, (_, index) => ({
        rooms: 1,
        area: 30,
        price: range.min + (index < 4 ? 10 : 20),
      })),
    );
    const { agent } = await ctx.loginAs("SELLER");
    const first = await agent.get(
      `/api/flats/search?currency=UZS&priceMin=${range.min * 100}&priceMax=${range.max * 100}&limit=3`,
    );
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await searchAll(
      agent,
      `currency=UZS&priceMin=${range.min * 100}&priceMax=${range.max * 100}&limit=3`,
    );
    expect(all.map((item) => item.id)).toEqual(flats.map((flat) => flat.id));
  });

  it("shows a seller free flats only, never a hold of another seller's buyer", async () => {
    const range = windowOf(4);
    const { flats } = await complexWith([
      { rooms: 2, area: 50, price: range.min + 100 },
      { rooms: 2, area: 50, price: range.min + 200 },
    ]);
    const other = await ctx.createUser({ role: "SELLER" });
    const buyer = await ctx.db.lead.create({
      data: { fullName: "Чужой покупатель", phone: "+998997770001", ownerId: other.id },
    });
    await ctx.db.apartment.update({
      where: { id: flats[0]!.id },
      data: { status: "BOOKED", bookedLeadId: buyer.id, bookedUntil: new Date(Date.now() + 1e8) },
    });
    const query = `currency=UZS&priceMin=${range.min * 100}&priceMax=${range.max * 100}`;
    for (const role of ["SELLER", "ROP", "FINANCIER"] as const) {
      const { agent } = await ctx.loginAs(role);
      const res = await agent.get(`/api/flats/search?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((item: TFlatSearchItem) => item.id)).toEqual([flats[1]!.id]);
      expect(JSON.stringify(res.body)).not.toContain("Чужой покупатель");
    }
  });

  it("books a found flat for the lead through the one booking rule", async () => {
    const range = windowOf(5);
    const { flats } = await complexWith([
      { rooms: 2, area: 50, price: range.min + 100 },
      { rooms: 2, area: 50, price: range.min + 200 },
    ]);
    const { agent, user } = await ctx.loginAs("SELLER");
    const lead = await ctx.db.lead.create({
      data: { fullName: "Покупатель", phone: "+998997770002", ownerId: user.id, status: "MEETING" },
    });
    const query = `currency=UZS&priceMin=${range.min * 100}&priceMax=${range.max * 100}`;
    const [cheapest] = (await agent.get(`/api/flats/search?${query}`)).body.items;
    const booked = await agent.post(`/api/flats/${cheapest.id}/book`).send({ leadId: lead.id });
    expect(booked.status).toBe(200);
    // The booked flat leaves the search; the per-lead hold limit still applies to the next one.
    const after = (await agent.get(`/api/flats/search?${query}`)).body.items;
    expect(after.map((item: TFlatSearchItem) => item.id)).toEqual([flats[1]!.id]);
    expect(
      (await agent.post(`/api/flats/${flats[1]!.id}/book`).send({ leadId: lead.id })).status,
    ).toBe(409);
  });

  it.each([
    ["rooms=abc", "query.rooms"],
    ["rooms=-1", "query.rooms"],
    ["priceMax=100", "query.currency"],
    ["priceMin=5&currency=EUR", "query.currency"],
    ["currency=UZS&priceMax=1e400", "query.priceMax"],
    ["areaMin=-3", "query.areaMin"],
    ["limit=0", "query.limit"],
    ["limit=1000", "query.limit"],
    ["cursor=not-a-cursor", "query.cursor"],
    ["cursor=WzEsMl0x", "query.cursor"],
    ["complexId=0", "query.complexId"],
    ["sort=price", ""],
  ])("answers 400 with a problem body for %s", async (query, path) => {
    const { agent } = await ctx.loginAs("SELLER");
    const res = await agent.get(`/api/flats/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    if (path) {
      expect(res.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
  });

  it("takes a cursor that decodes to a wrong shape as bad input, not a server error", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    for (const payload of [[-1, 2], [1], ["1", 2], { price: 1 }, [1, 0]]) {
      const cursor = Buffer.from(JSON.stringify(payload)).toString("base64url");
      const res = await agent.get(`/api/flats/search?cursor=${cursor}`);
      expect(res.status).toBe(400);
    }
  });
});
