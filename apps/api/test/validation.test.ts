import request from "supertest";
import { allRoutes } from "@crm/contracts";
import { useTestContext } from "./harness";
import { samplePath } from "./paths";

const ctx = useTestContext();

async function userCount() {
  return ctx.db.user.count();
}

const expectProblem = (res: request.Response, status: number, code?: string) => {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
  });
  if (code) expect(res.body.code).toBe(code);
};

describe("bad input is a 400 problem and changes nothing", () => {
  const valid = {
    login: "valid.user",
    password: "long-enough-1",
    firstName: "Ali",
    role: "SELLER",
  };

  const cases: [string, unknown][] = [
    ["missing fields", { login: "only-login" }],
    ["wrong types", { ...valid, login: 12345, role: true }],
    ["an unknown role", { ...valid, role: "OWNER" }],
    ["unknown fields", { ...valid, isAdmin: true }],
    ["a huge string", { ...valid, firstName: "x".repeat(50_000) }],
    ["a short password", { ...valid, password: "short" }],
    ["a bad phone", { ...valid, phone: "call me maybe" }],
    ["an array body", [valid]],
  ];

  it.each(cases)("POST /api/users with %s", async (_name, body) => {
    const { agent } = await ctx.loginAs("ADMIN");
    const before = await userCount();
    const res = await agent
      .post("/api/users")
      .set("Content-Type", "application/json")
      .send(JSON.stringify(body));
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect(await userCount()).toBe(before);
  });

  it("names each offending field", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent
      .post("/api/users")
      .send({ ...valid, login: "a", role: "OWNER", extra: 1 });
    expectProblem(res, 400);
    const paths = (res.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["login", "role", "extra"]));
  });

  it.each(['{"login": "x",', "null", '"a string"', "42"])(
    "answers the JSON body %s with 400",
    async (raw) => {
      const { agent } = await ctx.loginAs("ADMIN");
      const before = await userCount();
      const res = await agent.post("/api/users").set("Content-Type", "application/json").send(raw);
      expectProblem(res, 400, "MALFORMED_JSON");
      expect(await userCount()).toBe(before);
    },
  );

  it("answers a body over the limit with 413", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent
      .post("/api/users")
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ ...valid, firstName: "x".repeat(200_000) }));
    expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers a non-JSON body with 415", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent.post("/api/users").set("Content-Type", "text/plain").send("login=x");
    expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("rejects bad path and query parameters", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    expectProblem(await agent.get("/api/users/abc"), 400);
    expectProblem(await agent.get("/api/users/-1"), 400);
    expectProblem(await agent.get("/api/users/99999999999999"), 400);
    expectProblem(await agent.get("/api/users?limit=100000"), 400);
    expectProblem(await agent.get("/api/users?role=KING"), 400);
    expectProblem(await agent.get("/api/users?cursor=not-a-cursor"), 400);
    expectProblem(await agent.get("/api/users?limit=1&limit=2"), 400);
    expectProblem(await agent.get("/api/users?surprise=1"), 400);
  });

  it("bad login input is a 400, not a 401", async () => {
    const res = await request(ctx.app).post("/api/auth/login").send({ login: "", password: 5 });
    expectProblem(res, 400, "VALIDATION_FAILED");
  });

  it("never answers 500 to hostile bodies on any route", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const hostile: unknown[] = [
      {},
      [],
      "string",
      42,
      { __proto__: { isAdmin: true } },
      { constructor: { prototype: { x: 1 } } },
      { login: { $ne: null }, password: { $gt: "" } },
      { id: "1; DROP TABLE User" },
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
    ];
    for (const route of allRoutes.filter((r) => r.body)) {
      for (const body of hostile) {
        const res = await agent[route.method](samplePath(route))
          .set("Content-Type", "application/json")
          .send(JSON.stringify(body));
        expect({ route: route.path, status: res.status < 500 }).toEqual({
          route: route.path,
          status: true,
        });
      }
    }
  });
});

describe("unknown routes", () => {
  it("answers 404 JSON under /api, for any method", async () => {
    for (const method of ["get", "post", "delete"] as const) {
      const res = await request(ctx.app)[method]("/api/nothing/here");
      expectProblem(res, 404, "NOT_FOUND");
    }
  });
});
