import http from "node:http";
import { PassThrough } from "node:stream";
import zlib from "node:zlib";
import pino from "pino";
import request from "supertest";
import { ZPublicComplex } from "@crm/contracts";
import { LandingCache, memoryLandingStore } from "@crm/core";
import { createApp } from "../src/app";
import { pickEncoding } from "../src/modules/public/public-fast-path";
import { useTestContext } from "./harness";
import { publishedComplex } from "./public-fixtures";

const ctx = useTestContext();

/** A published complex big enough (> 1 KB of JSON) to be compressed. */
const published = async () => (await publishedComplex(ctx.db, { flats: 20 })).complex;

/** An app with its own cache and a log that the test reads. */
function appWithLog() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
  });
  const cache = new LandingCache(memoryLandingStore());
  const app = createApp({
    ...ctx.deps,
    landingCache: cache,
    logger: pino({ level: "info" }, stream),
  });
  return { app, cache, lines };
}

// The full pipeline sends rate-limit headers; the fast path answers before that limiter.
const viaFastPath = (res: request.Response) => res.headers["ratelimit"] === undefined;

const SECURITY = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "referrer-policy",
  "strict-transport-security",
  "x-content-type-options",
  "x-frame-options",
];

describe("the public fast path (a warm complex answered before the pipeline)", () => {
  it("answers a cache hit with the same body and security headers as the full pipeline, logged with its request id", async () => {
    const complex = await published();
    const { app, lines } = appWithLog();
    const miss = await request(app).get(`/api/public/complexes/${complex.slug}`);
    expect(miss.status).toBe(200);
    expect(viaFastPath(miss)).toBe(false);
    const hit = await request(app)
      .get(`/api/public/complexes/${complex.slug}`)
      .set("X-Request-Id", "trace-42");
    expect(hit.status).toBe(200);
    expect(viaFastPath(hit)).toBe(true);
    expect(hit.text).toBe(miss.text);
    ZPublicComplex.parse(hit.body);
    expect(hit.headers["cache-control"]).toBe("no-cache");
    expect(hit.headers["content-type"]).toBe("application/json; charset=utf-8");
    for (const name of SECURITY) {
      expect(hit.headers[name]).toBeDefined();
      expect(hit.headers[name]).toBe(miss.headers[name]);
    }
    expect(hit.headers["x-request-id"]).toBe("trace-42");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "request",
        reqId: "trace-42",
        method: "GET",
        url: `/api/public/complexes/${complex.slug}`,
        status: 200,
      }),
    );
  });

  it("compresses as the client accepts (br before gzip, q=0 refused), once per cached entry", async () => {
    const complex = await published();
    const { app } = appWithLog();
    const plain = await request(app).get(`/api/public/complexes/${complex.slug}`);
    const json = Buffer.from(plain.text);
    expect(json.length).toBeGreaterThan(1024);

    // supertest would decompress; the bytes as sent are read with node:http.
    const server = http.createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as { port: number }).port;
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(
            `http://127.0.0.1:${port}/api/public/complexes/${complex.slug}`,
            { headers: { "accept-encoding": encoding } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on("data", (chunk: Buffer) => chunks.push(chunk));
              res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            },
          )
          .on("error", reject);
      });

    const br = await raw("gzip, deflate, br");
    expect(br.headers["ratelimit"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(json)).toBe(true);

    const gzip = await raw("br;q=0, gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).equals(json)).toBe(true);

    const none = await raw("identity");
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.body.equals(json)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
  });

  it("serves new bytes on the next hit once an entry is replaced: its compressed copies are made anew", async () => {
    const complex = await published();
    const cache = new LandingCache(memoryLandingStore(), { changingMs: 1 });
    const app = createApp({ ...ctx.deps, landingCache: cache });
    const path = `/api/public/complexes/${complex.slug}`;
    await cache.warm(ctx.db);
    const first = await request(app).get(path).set("Accept-Encoding", "gzip");
    expect(viaFastPath(first)).toBe(true);
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.body.flats).toHaveLength(20);
    // A sale reported through the core invalidates; the rebuilt entry lacks the sold flat.
    await cache.invalidate([complex.slug]);
    await ctx.db.apartment.updateMany({
      where: { complexId: complex.id, floor: 1 },
      data: { status: "SOLD" },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.warm(ctx.db);
    const next = await request(app).get(path).set("Accept-Encoding", "gzip");
    expect(viaFastPath(next)).toBe(true);
    expect(next.headers["content-encoding"]).toBe("gzip");
    expect(next.body.flats).toHaveLength(19);
  });

  it("goes to the full pipeline while a complex is changing", async () => {
    const complex = await published();
    const { app, cache } = appWithLog();
    const path = `/api/public/complexes/${complex.slug}`;
    await cache.warm(ctx.db);
    expect(viaFastPath(await request(app).get(path))).toBe(true);
    await cache.invalidate([complex.slug]);
    const during = await request(app).get(path);
    expect(during.status).toBe(200);
    expect(viaFastPath(during)).toBe(false);
  });

  it("answers HEAD with the headers only", async () => {
    const complex = await published();
    const { app } = appWithLog();
    const get = await request(app).get(`/api/public/complexes/${complex.slug}`);
    const head = await request(app).head(`/api/public/complexes/${complex.slug}`);
    expect(head.status).toBe(200);
    expect(viaFastPath(head)).toBe(true);
    expect(head.text ?? "").toBe("");
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(get.text));
  });

  it("leaves cross-origin requests, unknown slugs and other routes to the pipeline", async () => {
    const complex = await published();
    const { app } = appWithLog();
    const path = `/api/public/complexes/${complex.slug}`;
    await request(app).get(path);
    const allowed = await request(app).get(path).set("Origin", "https://crm.example.uz");
    expect(viaFastPath(allowed)).toBe(false);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://crm.example.uz");
    const foreign = await request(app).get(path).set("Origin", "https://evil.example");
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    const unknown = await request(app).get("/api/public/complexes/no-such-complex");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["content-type"]).toMatch(/application\/problem\+json/);
    const tooLong = await request(app).get(`/api/public/complexes/${"x".repeat(200)}`);
    expect(tooLong.status).toBe(400);
    const post = await request(app).post(path).send({});
    expect(post.status).toBe(404);
  });
});

describe("pickEncoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["gzip", "gzip"],
    ["gzip, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0.0, gzip;q=0", null],
    ["*", "gzip"],
    ["BR;q=0.5", "br"],
  ])("%p → %p", (accept, expected) => {
    expect(pickEncoding(accept)).toBe(expected);
  });
});
