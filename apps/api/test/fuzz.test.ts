import type { AddressInfo } from "node:net";
import http, { type Server } from "node:http";
import { ROLE_CODES, type TRoleCode } from "@crm/contracts";
import { prng } from "@crm/db";
import { createTestContext, type TestContext } from "./harness";
import {
  AWKWARD_JSON,
  AWKWARD_QUERY,
  describe as show,
  INVALID_IDS,
  INVALID_JSON,
  INVALID_QUERY,
  pick,
  sample,
  validObject,
  validValue,
  type Hints,
  type JsonSchema,
  type Random,
} from "./fuzz/inputs";
import { changedTables, snapshotReader, type DbSnapshot } from "./fuzz/snapshot";

/**
 * Walks every operation of /api/openapi.json as every role and anonymously, with inputs built
 * from the document's schemas and hostile values in every parameter and body field, against
 * a database holding real rows. Two rules: no response is ever ≥ 500, and a 4xx never changes
 * the database (row counts and a checksum of every table, compared around each request that
 * may write and around each batch of reads). Seeded, so a run is repeatable.
 */

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  /** OpenAPI path, `{id}` placeholders. */
  path: string;
  roles: readonly TRoleCode[] | "public" | "authenticated";
  params: Parameter[];
  query: Parameter[];
  body?: JsonSchema;
}
interface Caller {
  name: TRoleCode | "anonymous";
  token?: string;
}
interface Case {
  label: string;
  caller: Caller;
  path: Record<string, string>;
  query: [string, string][];
  /** A JSON value to send, or `raw` text as the body. */
  body?: unknown;
  raw?: string;
  pathVariant?: "upper" | "trailing" | "double";
  /** No caller may get a success with this input (wrong role, or a value nothing accepts). */
  mustFail: boolean;
}

const SEED = 20_261_130;
const MUTATING = new Set(["post", "put", "patch", "delete"]);

let ctx: TestContext;
let server: Server;
let base: string;

beforeAll(async () => {
  ctx = await createTestContext();
  server = http.createServer(ctx.app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

/** Rows for path ids to hit: a complex with flats, leads, a signed deal with payments. */
async function seedRecords(callers: Record<TRoleCode, Caller & { id: number }>) {
  const as = async (role: TRoleCode, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${callers[role].token}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown> & { id: number };
    if (!res.ok) throw new Error(`seed ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const complex = await as("ADMIN", "POST", "/api/complexes", {
    name: "ЖК Фазз",
    slug: "fuzz-complex",
    city: "Ташкент",
  });
  const flats = [];
  for (let i = 1; i <= 3; i++) {
    flats.push(
      await as("ADMIN", "POST", `/api/complexes/${complex.id}/flats`, {
        block: "A",
        floor: i,
        number: `${i}01`,
        rooms: 2,
        area: 60.5,
        price: 600_000_000_00,
      }),
    );
  }
  const lead = (phone: string, role: TRoleCode) =>
    as(role, "POST", "/api/leads", { fullName: `Покупатель ${phone.slice(-4)}`, phone });
  const own = await lead("+998901110001", "SELLER");
  const buyer = await lead("+998901110002", "SELLER");
  const unowned = await lead("+998901110003", "MOP");
  await as("SELLER", "POST", `/api/flats/${flats[0]!.id}/book`, { leadId: buyer.id });
  await as("SELLER", "POST", `/api/flats/${flats[1]!.id}/book`, { leadId: own.id });
  await as("MOP", "POST", `/api/flats/${flats[1]!.id}/queue`, { leadId: unowned.id });
  const deal = await as("SELLER", "POST", "/api/deals", {
    leadId: buyer.id,
    downPayment: 100_000_000_00,
    installmentMonths: 5,
  });
  await as("SELLER", "POST", `/api/deals/${deal.id}/sign`);
  const payment = (deal.schedule as { id: number }[])[1]!;
  await as("FINANCIER", "POST", `/api/payments/${payment.id}/record`, {
    amount: 1_000_00,
    method: "CASH",
  });
  const comment = await as("SELLER", "POST", `/api/leads/${own.id}/comments`, { body: "Звонил" });
  const callback = await as("SELLER", "POST", `/api/leads/${own.id}/callbacks`, {
    dueAt: "2026-12-01T10:00:00+05:00",
  });
  const victim = await ctx.createUser({ role: "SELLER" });
  return {
    complexes: complex.id,
    flats: flats[2]!.id,
    leads: own.id,
    deals: deal.id,
    payments: payment.id,
    users: victim.id,
    comments: comment.id,
    callbacks: callback.id,
    queuedLead: unowned.id,
    bookedFlat: flats[1]!.id,
    seller: callers.SELLER.id,
  };
}

function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters ?? []) as Parameter[];
      const security = operation.security as unknown[];
      // A file upload (a binary body, not JSON) gets no generated body: it is called without
      // one, and with hostile parameters, and must refuse that with a 4xx.
      const body = (
        operation.requestBody as
          { content: { "application/json"?: { schema: JsonSchema } } } | undefined
      )?.content["application/json"]?.schema;
      operations.push({
        method,
        path,
        roles:
          (operation["x-roles"] as TRoleCode[] | undefined) ??
          (security.length ? "authenticated" : "public"),
        params: parameters.filter((parameter) => parameter.in === "path"),
        query: parameters.filter((parameter) => parameter.in === "query"),
        body,
      });
    }
  }
  // Reads first and deletes last, so that ids in paths still name real rows for most requests.
  const order = (method: string) => ({ get: 0, post: 1, patch: 1, put: 1, delete: 2 })[method]!;
  return operations.sort((a, b) => order(a.method) - order(b.method));
}

/** Percent-encodes anything, lone surrogates included (sent as the UTF-8 of U+FFFD). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
  }
}

function urlOf(operation: Operation, input: Case): string {
  let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encode(input.path[name] ?? "1"),
  );
  if (input.pathVariant === "upper") path = path.toUpperCase();
  if (input.pathVariant === "trailing") path += "/";
  if (input.pathVariant === "double") path = path.replace(/\//g, "//");
  const query = input.query.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
  return base + path + (query ? `?${query}` : "");
}

async function send(operation: Operation, input: Case) {
  const headers: Record<string, string> = {};
  if (input.caller.token) headers.authorization = `Bearer ${input.caller.token}`;
  let body: string | undefined;
  if (input.raw !== undefined) body = input.raw;
  else if (input.body !== undefined) body = JSON.stringify(input.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(urlOf(operation, input), {
    method: operation.method.toUpperCase(),
    headers,
    body,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

/** A query parameter's valid value as text (arrays as "a,b", as the API reads them). */
function queryText(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

function casesFor(
  operation: Operation,
  random: Random,
  hints: Hints,
  pathIds: (name: string) => string,
  callers: Caller[],
): Case[] {
  const allowed = callers.filter((caller) =>
    operation.roles === "public"
      ? true
      : operation.roles === "authenticated"
        ? caller.name !== "anonymous"
        : (operation.roles as readonly string[]).includes(caller.name),
  );
  const refused = callers.filter((caller) => !allowed.includes(caller));
  type Input = Omit<Case, "label" | "caller" | "mustFail">;
  const valid = (): Input => ({
    path: Object.fromEntries(operation.params.map((param) => [param.name, pathIds(param.name)])),
    query: operation.query
      .filter((param) => param.required || random() < 0.5)
      .map((param) => [param.name, queryText(validValue(param.schema, random, hints, param.name))]),
    body: operation.body ? validObject(operation.body, random, hints) : undefined,
  });

  const hostile: Case[] = [];
  const add = (label: string, mustFail: boolean, change: (input: Input) => void) => {
    const input = valid();
    change(input);
    hostile.push({ label, caller: callers[0]!, mustFail, ...input });
  };
  for (const param of operation.params) {
    for (const value of sample(random, INVALID_IDS, 4)) {
      add(`path ${param.name}=${show(value)}`, true, (input) => (input.path[param.name] = value));
    }
  }
  for (const param of operation.query) {
    const values = [...sample(random, INVALID_QUERY, 1), ...sample(random, AWKWARD_QUERY, 3)];
    values.forEach((value) =>
      add(`query ${param.name}=${show(value)}`, INVALID_QUERY.includes(value), (input) => {
        input.query = input.query.filter(([key]) => key !== param.name);
        input.query.push([param.name, value]);
      }),
    );
    add(`query ${param.name} twice`, true, (input) => {
      input.query.push([param.name, "1"], [param.name, "2"]);
    });
  }
  for (const key of sample(random, ["__proto__", "constructor", "surprise", "LIMIT"], 2)) {
    add(`query ${key}=1`, false, (input) => input.query.push([key, "1"]));
  }
  for (const name of Object.keys(operation.body?.properties ?? {})) {
    const values = [...sample(random, INVALID_JSON, 2), ...sample(random, AWKWARD_JSON, 2)];
    if (!values.includes("a\u0000b")) values.push("a\u0000b");
    for (const value of values) {
      add(`body.${name}=${show(value)}`, INVALID_JSON.includes(value), (input) => {
        input.body = { ...(input.body as object), [name]: value };
      });
    }
  }
  if (operation.body) {
    for (const raw of [
      "[]",
      "null",
      '"text"',
      "42",
      '{"a":',
      "[".repeat(2_000) + "]".repeat(2_000),
      '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}',
    ]) {
      add(`raw body ${show(raw)}`, true, (input) => {
        input.body = undefined;
        input.raw = raw;
      });
    }
    add("body with 300 unknown keys", true, (input) => {
      input.body = {
        ...(input.body as object),
        ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
      };
    });
    add("body merged with __proto__", true, (input) => {
      input.raw = JSON.stringify(input.body).replace(/^\{/, '{"__proto__":{"role":"ADMIN"},');
      input.body = undefined;
    });
  } else if (MUTATING.has(operation.method)) {
    add("an unexpected body", false, (input) => (input.body = { id: 1, status: "SOLD" }));
  }
  add("mixed-case path", false, (input) => (input.pathVariant = "upper"));
  add("trailing slash", false, (input) => (input.pathVariant = "trailing"));
  add("double slashes", true, (input) => (input.pathVariant = "double"));

  // Every caller sends a valid request; hostile ones go round the callers that may call the
  // operation (so each role meets each kind), and one reaches each caller that may not.
  const cases: Case[] = callers.map((caller) => ({
    label: "valid",
    caller,
    mustFail: !allowed.includes(caller),
    ...valid(),
  }));
  // A second valid request from each caller allowed: different values reach more of the rules.
  for (const caller of allowed) cases.push({ label: "valid", caller, mustFail: false, ...valid() });
  hostile.forEach((input, index) => {
    if (allowed.length) cases.push({ ...input, caller: allowed[index % allowed.length]! });
  });
  for (const caller of refused) {
    for (const input of sample(random, hostile, 1))
      cases.push({ ...input, caller, mustFail: true });
  }
  return cases;
}

it("answers every operation, as every role and anonymously, without a 5xx or a 4xx that writes", async () => {
  const random = prng(SEED);
  const tokens = {} as Record<TRoleCode, Caller & { id: number }>;
  for (const role of ROLE_CODES) {
    const { user, token } = await ctx.loginAs(role);
    tokens[role] = { name: role, token, id: user.id };
  }
  const ids = await seedRecords(tokens);
  const callers: Caller[] = [...ROLE_CODES.map((role) => tokens[role]), { name: "anonymous" }];

  let counter = 0;
  const hints: Hints = {
    next: () => (counter += 1),
    byName(name) {
      switch (name) {
        case "leadId":
          return pick(random, [ids.leads, ids.queuedLead]);
        case "ownerId":
        case "userId":
          return ids.seller;
        case "complexId":
          return ids.complexes;
        case "apartmentId":
          return ids.flats;
        case "phone":
          return `+99890${String(2_000_000 + (counter += 1))}`;
        case "slug":
          return `fuzz-${(counter += 1)}`;
        case "login":
          return `fuzz.${(counter += 1)}`;
        case "password":
          return "long-enough-password";
        case "telegramChatId":
          return String(700_000 + (counter += 1));
        default:
          return undefined;
      }
    },
  };
  const pathIds = (operationPath: string) => (name: string) => {
    if (name === "leadId") return String(ids.queuedLead);
    const collection = operationPath.split("/")[2] as keyof typeof ids;
    if (collection === "flats" && operationPath.includes("queue")) return String(ids.bookedFlat);
    return String(ids[collection] ?? 1);
  };

  const documentRes = await fetch(`${base}/api/openapi.json`);
  const operations = operationsOf((await documentRes.json()) as Parameters<typeof operationsOf>[0]);
  expect(operations.length).toBeGreaterThan(40);

  const reader = await snapshotReader(ctx.url);
  const failures: string[] = [];
  let requests = 0;
  let successes = 0;
  try {
    let before: DbSnapshot = await reader.take();
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      const report = (input: Case, status: number, why: string) =>
        failures.push(
          `${key} as ${input.caller.name} (${input.label}) → ${status} ${why}\n    ` +
            `path ${show(input.path)} query ${show(input.query)} body ${show(input.raw ?? input.body)}`,
        );
      const run = async (input: Case) => {
        const res = await send(operation, input);
        requests += 1;
        if (res.status < 300) successes += 1;
        if (res.status >= 500) report(input, res.status, res.text.slice(0, 300));
        else if (res.status < 400 && input.mustFail) report(input, res.status, "was accepted");
        else if (res.status >= 400 && !res.type.startsWith("application/problem+json"))
          report(input, res.status, `not a problem body: ${res.type}`);
        return res.status;
      };
      const compare = async (what: string, statuses: number[], allowed: string[] = []) => {
        const after = await reader.take();
        const changed = changedTables(before, after).filter((table) => !allowed.includes(table));
        before = after;
        const rejected = statuses.every((status) => status >= 400 && status < 500);
        // Reads never write; a request that may write must not when it is refused.
        if (changed.length && (rejected || !MUTATING.has(operation.method)))
          failures.push(`${key}: ${what} answered ${statuses} yet changed ${changed}`);
      };

      const cases = casesFor(operation, random, hints, pathIds(operation.path), callers);
      // Inputs that must fail go in one batch between two snapshots; a read-only operation
      // is one batch altogether; anything else that may write gets snapshots of its own.
      const batch = MUTATING.has(operation.method)
        ? cases.filter((input) => input.mustFail)
        : cases;
      const statuses: number[] = [];
      for (const input of batch) statuses.push(await run(input));
      await compare(`a batch of ${batch.length} requests`, statuses);
      for (const input of cases.filter((item) => !batch.includes(item))) {
        const status = await run(input);
        // Failed logins are counted on purpose (the lockout after five): that write is allowed.
        const allowed = key === "post /api/auth/login" && status === 401 ? ["LoginThrottle"] : [];
        await compare(`${input.caller.name} (${input.label})`, [status], allowed);
      }
    }
  } finally {
    await reader.close();
  }
  expect(requests).toBeGreaterThan(1_000);
  // Enough generated input is valid to reach the services, not only the validation.
  expect(successes).toBeGreaterThan(200);
  expect(failures).toEqual([]);
}, 120_000);
