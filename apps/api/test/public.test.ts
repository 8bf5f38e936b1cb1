import { Redis } from "ioredis";
import pino from "pino";
import request from "supertest";
import { ZPublicComplex } from "@crm/contracts";
import { LandingCache, memoryLandingStore, redisLandingStore } from "@crm/core";
import { createInProcessJobs, SCHEDULES } from "@crm/jobs";
import { createApp } from "../src/app";
import { useTestContext } from "./harness";
import { publishedComplex as createPublishedComplex } from "./public-fixtures";

const ctx = useTestContext();
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let seq = 0;

const publishedComplex = (options?: { published?: boolean; flats?: number }) =>
  createPublishedComplex(ctx.db, options);

async function leadOf(ownerId: number) {
  seq += 1;
  return ctx.db.lead.create({
    data: {
      fullName: `Buyer ${seq}`,
      phone: `+99897${String(1_000_000 + seq).slice(-7)}`,
      ownerId,
      status: "MEETING",
    },
  });
}

const flatIds = (body: { flats: { id: number }[] }) => body.flats.map((flat) => flat.id);

describe("GET /api/public/complexes/:slug", () => {
  it("serves a published complex to anyone, under a schema that forbids any other field", async () => {
    const { complex, flats } = await publishedComplex();
    const lead = await leadOf((await ctx.createUser({ role: "SELLER" })).id);
    await ctx.db.apartment.update({
      where: { id: flats[2]!.id },
      data: { status: "BOOKED", bookedLeadId: lead.id },
    });
    const res = await request(ctx.app).get(`/api/public/complexes/${complex.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    // Strict: an extra key anywhere (ownerId, bookedLeadId, version, leadId...) fails here.
    const parsed = ZPublicComplex.parse(res.body);
    expect(flatIds(parsed)).toEqual([flats[0]!.id, flats[1]!.id]);
    expect(parsed.flats[0]).toMatchObject({ rooms: 1, area: 50, pricePerM2: 10_000_000_00 });
    const text = JSON.stringify(res.body);
    for (const internal of [
      "ownerId",
      "bookedLeadId",
      "leadId",
      "version",
      "isPublished",
      "bookedUntil",
    ]) {
      expect(text).not.toContain(internal);
    }
    expect(text).not.toContain(lead.fullName);
  });

  it("answers 404 for an unpublished complex and for an unknown slug", async () => {
    const { complex } = await publishedComplex({ published: false });
    expect((await request(ctx.app).get(`/api/public/complexes/${complex.slug}`)).status).toBe(404);
    expect((await request(ctx.app).get("/api/public/complexes/no-such-thing")).status).toBe(404);
    expect((await request(ctx.app).get(`/c/${complex.slug}`)).status).toBe(404);
  });

  it("stops serving a complex from the cache once it is unpublished", async () => {
    const { complex } = await publishedComplex();
    const { agent } = await ctx.loginAs("ADMIN");
    expect((await request(ctx.app).get(`/api/public/complexes/${complex.slug}`)).status).toBe(200);
    const patched = await agent.patch(`/api/complexes/${complex.id}`).send({ isPublished: false });
    expect(patched.status).toBe(200);
    expect((await request(ctx.app).get(`/api/public/complexes/${complex.slug}`)).status).toBe(404);
  });
});

/** The rule under test for both stores: a change to a flat is public on the next request. */
function invalidationSuite(
  name: string,
  makeCache: () => Promise<{ cache: LandingCache; done?: () => Promise<void> }>,
) {
  describe(`cache invalidation (${name})`, () => {
    let app: ReturnType<typeof createApp>;
    let cache: LandingCache;
    let done: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ cache, done } = await makeCache());
      app = createApp({ ...ctx.deps, landingCache: cache });
    });
    afterAll(async () => {
      await done?.();
    });

    it("is warmed for every published complex and serves the stored bytes", async () => {
      const { complex, flats } = await publishedComplex();
      const hidden = await publishedComplex({ published: false });
      expect(await cache.warm(ctx.db)).toBeGreaterThanOrEqual(1);
      expect((await cache.store.read(complex.slug)).bytes).not.toBeNull();
      expect((await cache.store.read(hidden.complex.slug)).bytes).toBeNull();
      // Served from the cache: a change made behind the core's back (no audit) is not seen.
      await ctx.db.apartment.update({ where: { id: flats[0]!.id }, data: { number: "X-1" } });
      const res = await request(app).get(`/api/public/complexes/${complex.slug}`);
      expect(res.body.flats[0].number).toBe("101");
    });

    it("drops a flat from the public list on the request right after it is booked, then released", async () => {
      const { complex, flats } = await publishedComplex();
      const { agent, user } = await ctx.loginAs("SELLER");
      const lead = await leadOf(user.id);
      await cache.warm(ctx.db);
      const before = await request(app).get(`/api/public/complexes/${complex.slug}`);
      expect(flatIds(before.body)).toContain(flats[1]!.id);

      const booked = await agent.post(`/api/flats/${flats[1]!.id}/book`).send({ leadId: lead.id });
      expect(booked.status).toBe(200);
      const after = await request(app).get(`/api/public/complexes/${complex.slug}`);
      expect(flatIds(after.body)).not.toContain(flats[1]!.id);

      const released = await agent.post(`/api/flats/${flats[1]!.id}/release`).send({});
      expect(released.status).toBe(200);
      const again = await request(app).get(`/api/public/complexes/${complex.slug}`);
      expect(flatIds(again.body)).toContain(flats[1]!.id);
    });

    it("shows a price change on the next request", async () => {
      const { complex, flats } = await publishedComplex();
      const { agent } = await ctx.loginAs("ADMIN");
      await cache.warm(ctx.db);
      const res = await agent.patch(`/api/flats/${flats[0]!.id}`).send({ price: 123_000_000_00 });
      expect(res.status).toBe(200);
      const page = await request(app).get(`/api/public/complexes/${complex.slug}`);
      expect(page.body.flats.find((f: { id: number }) => f.id === flats[0]!.id).price).toBe(
        123_000_000_00,
      );
    });

    it("stores nothing while a change may still be uncommitted", async () => {
      const { complex } = await publishedComplex();
      await cache.invalidate([complex.slug]);
      await request(app).get(`/api/public/complexes/${complex.slug}`).expect(200);
      expect((await cache.store.read(complex.slug)).bytes).toBeNull();
    });
  });
}

invalidationSuite("in memory", async () => ({ cache: new LandingCache(memoryLandingStore()) }));

invalidationSuite("Redis", async () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `crm-test-landing-${process.pid}-${Date.now()}:`;
  return {
    cache: new LandingCache(redisLandingStore(redis, prefix)),
    done: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  };
});

describe("the Redis cache is shared between instances", () => {
  it("a booking through one API instance is seen through another at once", async () => {
    const redisA = new Redis(REDIS_URL);
    const redisB = new Redis(REDIS_URL);
    const prefix = `crm-test-shared-${process.pid}-${Date.now()}:`;
    try {
      const cacheA = new LandingCache(redisLandingStore(redisA, prefix));
      const cacheB = new LandingCache(redisLandingStore(redisB, prefix));
      const appA = createApp({ ...ctx.deps, landingCache: cacheA });
      const appB = createApp({ ...ctx.deps, landingCache: cacheB });
      const { complex, flats } = await publishedComplex();
      await cacheB.warm(ctx.db);
      const { token, user } = await ctx.loginAs("SELLER");
      const lead = await leadOf(user.id);
      await request(appA)
        .post(`/api/flats/${flats[0]!.id}/book`)
        .set("Authorization", `Bearer ${token}`)
        .send({ leadId: lead.id })
        .expect(200);
      const seen = await request(appB).get(`/api/public/complexes/${complex.slug}`);
      expect(flatIds(seen.body)).not.toContain(flats[0]!.id);
    } finally {
      const keys = await redisA.keys(`${prefix}*`);
      if (keys.length) await redisA.del(...keys);
      await redisA.quit();
      await redisB.quit();
    }
  });
});

describe("the landing request form", () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    name: "Дилшод",
    phone: `90 ${String(100 + seq).slice(-3)} ${String(10 + (seq % 89))} ${String(10 + ((seq * 7) % 89))}`,
    consent: true,
    ...extra,
  });

  it("creates a LANDING lead for the complex through the intake rule", async () => {
    const { complex } = await publishedComplex();
    seq += 1;
    const payload = body({ phone: "+998 93 555 12 34" });
    const res = await request(ctx.app)
      .post(`/api/public/complexes/${complex.slug}/requests`)
      .send(payload);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "received" });
    const lead = await ctx.db.lead.findUnique({ where: { phone: "+998935551234" } });
    expect(lead).toMatchObject({ source: "LANDING", complexId: complex.id, fullName: "Дилшод" });
  });

  it("answers a filled honeypot like a success but writes no lead", async () => {
    const { complex } = await publishedComplex();
    const leadsBefore = await ctx.db.lead.count();
    const res = await request(ctx.app)
      .post(`/api/public/complexes/${complex.slug}/requests`)
      .send(body({ phone: "+998 93 555 77 01", website: "http://spam.example" }));
    expect(res.status).toBe(202);
    expect(await ctx.db.lead.count()).toBe(leadsBefore);
  });

  it("refuses a bad phone and a missing consent with 400, writing nothing", async () => {
    const { complex } = await publishedComplex();
    const leadsBefore = await ctx.db.lead.count();
    const badPhone = await request(ctx.app)
      .post(`/api/public/complexes/${complex.slug}/requests`)
      .send(body({ phone: "0901112233" }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors.map((e: { path: string }) => e.path)).toContain("phone");
    const noConsent = await request(ctx.app)
      .post(`/api/public/complexes/${complex.slug}/requests`)
      .send(body({ phone: "+998 93 555 77 02", consent: false }));
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.errors.map((e: { path: string }) => e.path)).toContain("consent");
    const html = await request(ctx.app)
      .post(`/c/${complex.slug}`)
      .type("form")
      .send({ name: "Аня", phone: "+998 93 555 77 03" });
    expect(html.status).toBe(400);
    expect(await ctx.db.lead.count()).toBe(leadsBefore);
  });

  it("answers 404 for an unpublished complex", async () => {
    const { complex } = await publishedComplex({ published: false });
    const res = await request(ctx.app)
      .post(`/api/public/complexes/${complex.slug}/requests`)
      .send(body({ phone: "+998 93 555 77 04" }));
    expect(res.status).toBe(404);
  });

  it("limits the requests one client may send", async () => {
    const { complex } = await publishedComplex();
    const app = ctx.appWith({ landingRateLimit: { max: 2, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(app)
        .post(`/api/public/complexes/${complex.slug}/requests`)
        .send(body({ phone: `+998 93 556 00 1${i}` }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 429]);
  });

  it("takes the HTML form without JavaScript and says thank you", async () => {
    const { complex, flats } = await publishedComplex();
    const res = await request(ctx.app)
      .post(`/c/${complex.slug}`)
      .type("form")
      .send({
        name: "Bobur",
        phone: "+998 93 555 77 05",
        consent: "on",
        lang: "uz",
        flatId: String(flats[0]!.id),
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/c/${complex.slug}?lang=uz&sent=1#request`);
    const lead = await ctx.db.lead.findUnique({ where: { phone: "+998935557705" } });
    expect(lead).toMatchObject({ source: "LANDING", complexId: complex.id });
    const page = await request(ctx.app).get(`/c/${complex.slug}?lang=uz&sent=1`);
    expect(page.text).toContain("Arizangiz qabul qilindi");
  });
});

describe("the landing page", () => {
  it("renders the complex with its free flats, filtered by rooms, floor, price and area", async () => {
    const { complex } = await publishedComplex({ flats: 4 });
    const all = await request(ctx.app).get(`/c/${complex.slug}`);
    expect(all.status).toBe(200);
    expect(all.headers["content-type"]).toMatch(/text\/html/);
    expect(all.text).toContain(complex.name);
    expect(all.text).toContain("Найдено квартир: 4");
    const rooms = await request(ctx.app).get(`/c/${complex.slug}?rooms=2`);
    expect(rooms.text).toContain("Найдено квартир: 1");
    const floors = await request(ctx.app).get(
      `/c/${complex.slug}?floorMin=2&floorMax=3&areaMin=60`,
    );
    expect(floors.text).toContain("Найдено квартир: 2");
    // priceMax in sums: flat 1 costs 50 m² × 10,000,000 = 500,000,000 sums.
    const price = await request(ctx.app).get(`/c/${complex.slug}?priceMax=550000000`);
    expect(price.text).toContain("Найдено квартир: 1");
    const uz = await request(ctx.app).get(`/c/${complex.slug}?lang=uz`);
    expect(uz.text).toContain('<html lang="uz">');
    expect(uz.text).toContain("Bo'sh xonadonlar");
  });
});

describe("warming", () => {
  it("the warm-landing-cache job, scheduled every 15 minutes, fills the cache of every published complex", async () => {
    expect(SCHEDULES.find((s) => s.name === "warm-landing-cache")?.every).toBe(15 * 60_000);
    const { complex } = await publishedComplex();
    const cache = new LandingCache(memoryLandingStore());
    const jobs = createInProcessJobs({
      db: ctx.db,
      logger: pino({ level: "silent" }),
      landingCache: cache,
      schedules: [],
    });
    try {
      jobs.start();
      await jobs.enqueue("warm-landing-cache", {});
      const deadline = Date.now() + 10_000;
      while (!(await cache.store.read(complex.slug)).bytes && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const bytes = (await cache.store.read(complex.slug)).bytes;
      expect(bytes && JSON.parse(bytes.toString()).slug).toBe(complex.slug);
    } finally {
      await jobs.close();
    }
  });
});
