import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import request from "supertest";
import { allRoutes, authRoutes, buildPath, inventoryRoutes } from "@crm/contracts";
import { createRedis } from "../src/redis";
import { useTestContext } from "./harness";
import { eventually } from "./processes";

const ctx = useTestContext();

describe("middleware pipeline", () => {
  it("gives every response a request id and security headers", async () => {
    const res = await request(ctx.app).get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("keeps a sane incoming request id and puts it in problem bodies", async () => {
    const res = await request(ctx.app).get("/api/auth/me").set("X-Request-Id", "edge-42");
    expect(res.headers["x-request-id"]).toBe("edge-42");
    expect(res.body.requestId).toBe("edge-42");
    const evil = await request(ctx.app).get("/healthz").set("X-Request-Id", "<script>");
    expect(evil.headers["x-request-id"]).not.toBe("<script>");
  });

  it("allows CORS only for configured origins, with credentials", async () => {
    const ok = await request(ctx.app)
      .options("/api/auth/me")
      .set("Origin", "https://crm.example.uz")
      .set("Access-Control-Request-Method", "GET");
    expect(ok.headers["access-control-allow-origin"]).toBe("https://crm.example.uz");
    expect(ok.headers["access-control-allow-credentials"]).toBe("true");
    const other = await request(ctx.app).get("/healthz").set("Origin", "https://evil.example");
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits requests per client and answers 429 problems", async () => {
    const app = ctx.appWith({ rateLimit: { max: 3, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(app).get("/api/auth/me")).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await request(app).get("/api/roles");
    expect(limited.body.code).toBe("RATE_LIMITED");
    expect(limited.headers["ratelimit-policy"] ?? limited.headers["ratelimit"]).toBeDefined();
    expect((await request(app).get("/healthz")).status).toBe(200); // probes are never limited
  });

  it("counts API requests whatever the case of their path, as Express routes them", async () => {
    const app = ctx.appWith({ rateLimit: { max: 3, windowSeconds: 60 } });
    const statuses = [];
    for (const path of ["/API/AUTH/ME", "/Api/Leads", "/api/LEADS", "/API/LEADS"])
      statuses.push((await request(app).get(path)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("applies the login limit to a login path in any case", async () => {
    const app = ctx.appWith({ loginRateLimit: { max: 2, windowSeconds: 60 } });
    const statuses = [];
    for (const path of ["/API/AUTH/LOGIN", "/api/Auth/Login", "/Api/auth/LOGIN"]) {
      const res = await request(app).post(path).send({ login: "case-probe", password: "x" });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect((await request(app).get("/API/AUTH/ME")).status).toBe(401); // own budget, not spent
  });

  it("shares one rate-limit budget between instances through Redis", async () => {
    const redis = createRedis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
    const redisPrefix = `crm-test-${process.pid}-${Date.now()}:`;
    try {
      // Until the connection is up requests are counted per instance (see the outage test).
      await eventually("Redis to connect", () => redis.status === "ready");
      const settings = { rateLimit: { max: 4, windowSeconds: 60 }, redisPrefix };
      const one = ctx.appWith(settings, { redis });
      const two = ctx.appWith(settings, { redis });
      const statuses = [];
      for (const app of [one, two, one, two, one])
        statuses.push((await request(app).get("/api/auth/me")).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const ready = await request(one).get("/readyz");
      expect(ready.body).toEqual({
        status: "ok",
        checks: { database: "ok", redis: "ok" },
        rateLimits: "redis",
      });
    } finally {
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});

describe("health", () => {
  it("is ready when the database answers", async () => {
    const res = await request(ctx.app).get("/readyz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "ok",
      checks: { database: "ok", redis: "disabled" },
      rateLimits: "local",
    });
  });

  it("stays ready but degraded, with local rate limits, when Redis is configured but down", async () => {
    // Never connected and no offline queue: every command fails at once, as with Redis down,
    // without leaving reconnect timers behind.
    const redis = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    redis.on("error", () => undefined);
    try {
      const res = await request(ctx.appWith({}, { redis })).get("/readyz");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: "degraded",
        checks: { database: "ok", redis: "down" },
        rateLimits: "local",
      });
    } finally {
      redis.disconnect();
    }
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document covering every contract route", async () => {
    const res = await request(ctx.app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const route of allRoutes) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      expect(res.body.paths[path]?.[route.method]).toBeDefined();
    }
    const create = res.body.paths["/api/users"].post;
    expect(create["x-roles"]).toEqual(["ADMIN"]);
    expect(create.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["login", "password", "firstName", "role"]),
    );
    expect(create.responses["201"]).toBeDefined();
    expect(create.responses["400"].content["application/problem+json"]).toBeDefined();
  });

  it("serves a docs page that renders the document (see docs.test.ts)", async () => {
    const res = await request(ctx.app).get("/api/docs");
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="swagger-ui"');
    const script = /src="(\/api\/docs\/static\/[^"]+\/docs\.js)"/.exec(res.text)?.[1];
    expect((await request(ctx.app).get(script!)).text).toContain('url: "/api/openapi.json"');
  });
});

describe("static files", () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "crm-web-"));
  const media = fs.mkdtempSync(path.join(os.tmpdir(), "crm-media-"));
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><div id=root></div>");
  fs.writeFileSync(path.join(dist, "assets", "index-abc123.js"), "console.log(1)");
  fs.writeFileSync(path.join(media, "0123456789abcdef.webp"), "webp");
  afterAll(() => {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(media, { recursive: true, force: true });
  });

  it("caches hashed assets for a year, media for a week, and never index.html", async () => {
    const app = ctx.appWith({ webDistDir: dist, mediaDir: media });
    const asset = await request(app).get("/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const file = await request(app).get("/media/0123456789abcdef.webp");
    expect(file.status).toBe(200);
    expect(file.headers["cache-control"]).toBe("public, max-age=604800, immutable");
    const index = await request(app).get("/dashboard").set("Accept", "text/html");
    expect(index.status).toBe(200);
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(index.text).toContain("root");
    expect((await request(app).get("/assets/missing.js")).status).toBe(404);
    const api = await request(app).get("/api/missing").set("Accept", "text/html");
    expect(api.status).toBe(404);
    expect(api.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("names a signed-in user's first reads in the page's response, as the app asks for them", async () => {
    const app = ctx.appWith({ webDistDir: dist, mediaDir: media });
    const { token } = await ctx.loginAs("MOP");
    const page = (url: string) =>
      request(app).get(url).set("Accept", "text/html").set("Authorization", `Bearer ${token}`);
    const links = (header: unknown) =>
      String(header ?? "")
        .split(", ")
        .filter(Boolean);
    const preload = (url: string) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`;
    const me = buildPath(authRoutes.me.path, {});

    const grid = await page("/complexes/7/grid");
    expect(grid.status).toBe(200);
    expect(links(grid.headers.link)).toEqual([
      preload(me),
      preload(buildPath(inventoryRoutes.grid.path, { id: 7 })),
    ]);
    // With filters in the address the app builds the grid's query itself: only the session.
    expect(links((await page("/complexes/7/grid?rooms=2")).headers.link)).toEqual([preload(me)]);
    expect(links((await page("/leads")).headers.link)).toEqual([preload(me)]);
    expect(links((await page("/complexes/0/grid")).headers.link)).toEqual([preload(me)]);
    // Signed out: nothing to read yet (each would be a 401).
    const anonymous = await request(app).get("/complexes/7/grid").set("Accept", "text/html");
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.link).toBeUndefined();
  });
});
