import type request from "supertest";
import {
  allRoutes,
  MAX_ID,
  MAX_MONEY,
  normalizePhone,
  type RouteDef,
  type TRoleCode,
} from "@crm/contracts";
import { z } from "zod";
import { useTestContext } from "./harness";
import { samplePath } from "./paths";

const ctx = useTestContext();

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const fieldPaths = (res: request.Response) =>
  ((res.body.errors ?? []) as { path: string }[]).map((error) => error.path);

function expect400(res: request.Response, path: string) {
  expect({ status: res.status, paths: fieldPaths(res) }).toEqual({
    status: 400,
    paths: expect.arrayContaining([path]),
  });
}

/** Names of the string-typed properties (text, dates, phones, cursors...) of an input schema. */
function stringFields(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { type?: string; anyOf?: { type?: string }[] }>;
  };
  return Object.entries(json.properties ?? {})
    .filter(([, property]) =>
      [property.type, ...(property.anyOf ?? []).map((variant) => variant.type)].includes("string"),
    )
    .map(([name]) => name);
}

const roleFor = (route: RouteDef): TRoleCode =>
  Array.isArray(route.access)
    ? route.access.includes("ADMIN")
      ? "ADMIN"
      : route.access[0]!
    : "ADMIN";

describe("text fields", () => {
  it("refuses NUL and other control characters in every string of every body and query", async () => {
    const agents = new Map<TRoleCode, request.Agent>();
    const agentFor = async (role: TRoleCode) => {
      if (!agents.has(role)) agents.set(role, (await ctx.loginAs(role)).agent);
      return agents.get(role)!;
    };
    let checked = 0;
    for (const route of allRoutes) {
      const agent = await agentFor(roleFor(route));
      const url = samplePath(route);
      for (const name of route.body ? stringFields(route.body) : []) {
        for (const value of ["a\u0000b", "a\u001bb", "a\u007fb", "a\ud800b"]) {
          const res = await agent[route.method](url).send({ [name]: value });
          expect400(res, name);
          checked += 1;
        }
      }
      for (const name of route.query ? stringFields(route.query) : []) {
        const call = agent[route.method](url).query({ [name]: "a\u0000b" });
        // A file upload is sent a file, so the query is what is refused.
        const res = route.consumes
          ? await call.set("Content-Type", route.consumes[0]!).send(Buffer.from("x"))
          : await call;
        expect400(res, `query.${name}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("answers a NUL in a lead search with 400, on the list and the count", async () => {
    const { agent } = await ctx.loginAs("MOP");
    expect400(await agent.get("/api/leads?q=abc%00def"), "query.q");
    expect400(await agent.get("/api/leads/count?q=abc%00def"), "query.q");
    expect400(await agent.get("/api/leads?region=%01"), "query.region");
  });

  it("keeps line breaks in notes and comments, but not in names; emoji and RTL pass", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    expect400(
      await agent.post("/api/leads").send({ fullName: "Ali\nValiyev", phone: "+998901230001" }),
      "fullName",
    );
    const created = await agent.post("/api/leads").send({
      fullName: "Ali Valiyev 😀 مرحبا",
      phone: "+998901230001",
      note: "первая строка\r\nвторая\tстрока",
    });
    expect(created.status).toBe(201);
    expect(created.body.note).toBe("первая строка\r\nвторая\tстрока");
    const comment = await agent
      .post(`/api/leads/${created.body.id}/comments`)
      .send({ body: "перезвонить\nв 15:00 👍🏽" });
    expect(comment.status).toBe(201);
    expect400(
      await agent.post(`/api/leads/${created.body.id}/comments`).send({ body: "x\u0000" }),
      "body",
    );
  });
});

describe("bounds", () => {
  it("takes ids from 1 to 2^31−1 in paths, queries and bodies", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    expect((await agent.get(`/api/leads/${MAX_ID}`)).status).toBe(404);
    expect400(await agent.get(`/api/leads/${MAX_ID + 1}`), "params.id");
    expect400(await agent.get("/api/leads/9007199254740993"), "params.id");
    expect400(await agent.get("/api/leads/1e3"), "params.id");
    expect400(await agent.get(`/api/leads?complexId=${MAX_ID + 1}`), "query.complexId");
    expect400(await agent.get(`/api/deals?leadId=0`), "query.leadId");
    expect400(
      await agent
        .post("/api/leads")
        .send({ fullName: "A", phone: "+998901230002", ownerId: 2 ** 31 }),
      "ownerId",
    );
    expect400(
      await agent
        .post("/api/leads")
        .send({ fullName: "A", phone: "+998901230002", complexId: true }),
      "complexId",
    );
  });

  it("checks cursor payloads like any other input", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const at = "2026-01-01T00:00:00.000Z";
    expect((await agent.get(`/api/leads?cursor=${cursorOf([at, 5])}`)).status).toBe(200);
    expect(
      (await agent.get(`/api/leads?sort=fullName&cursor=${cursorOf(["Ali", 5])}`)).status,
    ).toBe(200);
    for (const payload of [
      [at, 2 ** 53 - 1],
      [at, MAX_ID + 1],
      [at, 0],
      ["0000-01-01T00:00:00.000Z", 5],
      ["not a date", 5],
      [at],
      { id: 5 },
    ]) {
      expect400(await agent.get(`/api/leads?cursor=${cursorOf(payload)}`), "query.cursor");
    }
    expect400(
      await agent.get(`/api/leads?sort=fullName&cursor=${cursorOf(["A\u0000", 5])}`),
      "query.cursor",
    );
    expect400(await agent.get(`/api/users?cursor=${cursorOf(MAX_ID + 1)}`), "query.cursor");
    expect400(await agent.get(`/api/users?cursor=${cursorOf(2 ** 53)}`), "query.cursor");
    expect((await agent.get(`/api/users?cursor=${cursorOf(MAX_ID)}`)).status).toBe(200);
  });

  it("takes dates with real days in the years 1900–2200", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await agent.post("/api/leads").send({ fullName: "Даты", phone: "+998901230003" });
    const url = `/api/leads/${lead.body.id}/callbacks`;
    for (const dueAt of [
      "0000-01-01T00:00:00Z",
      "1899-12-31T23:59:59Z",
      "2201-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "2026-02-29T10:00:00Z",
      "2026-04-31T10:00:00Z",
    ]) {
      expect400(await agent.post(url).send({ dueAt }), "dueAt");
    }
    expect((await agent.post(url).send({ dueAt: "2028-02-29T10:00:00+05:00" })).status).toBe(201);
    expect400(await agent.get("/api/leads?createdFrom=0000-01-01T00:00:00Z"), "query.createdFrom");
    const finance = (await ctx.loginAs("FINANCIER")).agent;
    for (const from of ["0000-01", "2026-13", "2026-00", "9999-12"]) {
      expect400(await finance.get(`/api/finance/forecast?from=${from}`), "query.from");
    }
    expect((await finance.get("/api/finance/forecast?from=2026-06")).status).toBe(200);
  });

  it("takes money as whole, non-negative minor units up to 10^14", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = (budget: unknown) =>
      agent
        .post("/api/leads")
        .send({ fullName: "Бюджет", phone: "+998901230004", budget, budgetCurrency: "UZS" });
    for (const budget of [-1, 1.5, MAX_MONEY + 1, 2 ** 53, "100"]) {
      expect400(await lead(budget), "budget");
    }
    expect((await lead(MAX_MONEY)).body.budget).toBe(MAX_MONEY);
    const admin = (await ctx.loginAs("ADMIN")).agent;
    expect400(await admin.get(`/api/complexes/1/grid?priceMin=${MAX_MONEY + 1}`), "query.priceMin");
  });
});

describe("phone numbers", () => {
  it("stores one spelling per number, so every spelling of it is a duplicate", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const create = (phone: string) => agent.post("/api/leads").send({ fullName: "Тел", phone });
    const first = await create("00998901112233");
    expect(first.status).toBe(201);
    expect(first.body.phone).toBe("+998901112233");
    for (const spelling of ["998901112233", "90 111 22 33", "+998 (90) 111-22-33"]) {
      expect((await create(spelling)).status).toBe(409);
    }
    expect((await create("+7 912 345-67-89")).body.phone).toBe("+79123456789");
  });

  it("refuses numbers that are not valid with a field error", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    for (const phone of ["0901112233", "12345", "+998 90 111 22 33 ext 5", "call me"]) {
      const res = await agent.post("/api/leads").send({ fullName: "Тел", phone });
      expect400(res, "phone");
      expect(res.body.errors[0].message).toMatch(/phone number/);
    }
    const admin = (await ctx.loginAs("ADMIN")).agent;
    expect400(
      await admin.post("/api/users").send({
        login: "phone.user",
        password: "long-enough-1",
        firstName: "Ali",
        role: "SELLER",
        phone: "0901112233",
      }),
      "phone",
    );
  });

  it("reads national numbers in the configured region", () => {
    expect(normalizePhone("90 111 22 33")).toBe("+998901112233");
    expect(normalizePhone("8 701 123 45 67", "KZ")).toBe("+77011234567");
    expect(normalizePhone("8 701 123 45 67")).toBeNull();
  });
});
