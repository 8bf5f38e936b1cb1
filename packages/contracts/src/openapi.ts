import { z } from "zod";
import { ZProblem } from "./common";
import type { RouteDef } from "./routes";

const PROBLEM_TITLES: Record<number, string> = {
  400: "Invalid input",
  401: "Not authenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  503: "Service unavailable",
};

type JsonSchema = Record<string, unknown>;

function schema(type: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(type, { target: "draft-2020-12", io, unrepresentable: "any" });
  delete (json as { $schema?: string }).$schema;
  return withPatternExamples(json as JsonSchema);
}

/**
 * Gives each string with a `pattern` an example that matches it. Without one, renderers build a
 * sample from the regular expression itself, and our text fields' pattern (no control characters:
 * a class negating ranges up to U+DFFF) takes Swagger UI seconds per field — the reference froze.
 */
function withPatternExamples(node: JsonSchema, name = ""): JsonSchema {
  if (typeof node.pattern === "string" && node.examples === undefined) {
    const example = exampleFor({ ...node, pattern: undefined }, name);
    try {
      if (typeof example === "string" && new RegExp(node.pattern, "u").test(example)) {
        node.examples = [example];
      }
    } catch {
      // A pattern JavaScript cannot read gets no example.
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (!value || typeof value !== "object") continue;
    if (key === "properties" || key === "$defs") {
      for (const [child, each] of Object.entries(value as Record<string, JsonSchema>)) {
        withPatternExamples(each, child);
      }
    } else if (Array.isArray(value)) {
      if (["anyOf", "oneOf", "allOf", "prefixItems"].includes(key)) {
        for (const each of value as JsonSchema[]) withPatternExamples(each, name);
      }
    } else if (["items", "additionalProperties", "not"].includes(key)) {
      withPatternExamples(value as JsonSchema, name);
    }
  }
  return node;
}

/** Example strings by property name, where the name says more than the type. */
const NAMED_STRINGS: Record<string, string> = {
  phone: "+998901234567",
  login: "seller",
  password: "correct-horse-42",
  fullName: "Aziza Karimova",
  firstName: "Aziza",
  lastName: "Karimova",
  name: "Yangi Hayot",
  email: "office@example.uz",
  region: "Tashkent",
  slug: "yangi-hayot",
  number: "A-101",
  block: "A",
  section: "1",
  currency: "UZS",
  month: "2026-03",
  note: "Wants a corner flat on a middle floor",
};
const EXAMPLE_TIME = "2026-03-02T09:30:00Z";
const FORMATTED: Record<string, string> = {
  "date-time": EXAMPLE_TIME,
  date: "2026-03-02",
  time: "09:30:00",
  email: "office@example.uz",
  uri: "https://example.uz/",
  uuid: "3f2b8c1e-7a4d-4c2e-9b1a-5d6e7f8a9b0c",
};

/**
 * A plausible value for a JSON schema, for schemas zod gave no example: declared examples and
 * defaults first, then enums, then a value by format or property name within the bounds.
 */
export function exampleFor(json: unknown, name = "", depth = 0): unknown {
  if (!json || typeof json !== "object" || depth > 8) return null;
  const node = json as JsonSchema;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if ("default" in node) return node.default;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = node[key];
    if (Array.isArray(options)) {
      const preferred =
        options.find((option) => (option as JsonSchema)?.type !== "null") ?? options[0];
      return exampleFor(preferred, name, depth + 1);
    }
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) {
    return exampleFor(node.allOf[0], name, depth + 1);
  }
  const type = Array.isArray(node.type)
    ? (node.type as string[]).find((each) => each !== "null")
    : (node.type as string | undefined);
  switch (type) {
    case "object": {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, exampleFor(value, key, depth + 1)]),
      );
    }
    case "array": {
      if (Array.isArray(node.prefixItems)) {
        return node.prefixItems.map((item) => exampleFor(item, name, depth + 1));
      }
      const count = Math.max(1, Number(node.minItems ?? 1));
      return Array.from({ length: Math.min(count, 3) }, () =>
        exampleFor(node.items, name.replace(/s$/, ""), depth + 1),
      );
    }
    case "integer":
    case "number": {
      const minimum = typeof node.minimum === "number" ? node.minimum : undefined;
      const maximum = typeof node.maximum === "number" ? node.maximum : undefined;
      let value = /id$/i.test(name)
        ? 1
        : /price|amount|budget|sum|total/i.test(name)
          ? 1_500_000
          : 1;
      if (type === "number" && /area/i.test(name)) value = 54.5;
      if (minimum !== undefined && value < minimum) value = minimum;
      if (maximum !== undefined && value > maximum) value = maximum;
      return value;
    }
    case "boolean":
      return true;
    case "string": {
      const format = typeof node.format === "string" ? FORMATTED[node.format] : undefined;
      let value = format ?? NAMED_STRINGS[name] ?? (/At$/.test(name) ? EXAMPLE_TIME : "text");
      const minLength = Number(node.minLength ?? 0);
      const maxLength = Number(node.maxLength ?? Infinity);
      if (value.length < minLength) value = value.padEnd(minLength, "x");
      if (value.length > maxLength) value = value.slice(0, maxLength);
      return value;
    }
    default:
      return null;
  }
}

/** What each problem status usually says, as the API writes it (see apps/api http/problem.ts). */
const PROBLEM_CODES: Record<number, string> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  410: "GONE",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
  503: "UNAVAILABLE",
};

function problemExample(status: number, path: string) {
  const code = PROBLEM_CODES[status] ?? "CONFLICT";
  const body: Record<string, unknown> = {
    type: `https://realestate-crm.uz/problems/${code.toLowerCase().replace(/_/g, "-")}`,
    title: PROBLEM_TITLES[status] ?? "Problem",
    status,
    code,
    instance: path,
    requestId: "3f2b8c1e-7a4d-4c2e-9b1a-5d6e7f8a9b0c",
  };
  if (status === 400) {
    body.detail = "The request did not match the contract";
    body.errors = [
      { path: "query.limit", message: "Too big: expected number to be <=200", code: "too_big" },
    ];
  }
  if (status === 401) body.detail = "Log in first";
  if (status === 429) body.detail = "Limit of 100 requests per 60 s reached; retry later";
  return body;
}

/** A media type object: the schema and a hand-written or generated example. */
function withExample(type: z.ZodType, io: "input" | "output", example: unknown) {
  const json = schema(type, io);
  return { schema: json, example: example ?? exampleFor(json) };
}

/** OpenAPI 3.1 document generated from the route contracts; never written by hand. */
export function buildOpenApi(
  routes: readonly RouteDef[],
  info: { title: string; version: string; description?: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, type] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (!type) continue;
      const json = schema(type, "input") as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const required = where === "path" || (json.required ?? []).includes(name);
        const parameter: Record<string, unknown> = { name, in: where, required, schema: property };
        // Examples for what a caller must send; optional filters stay empty in the console.
        const example =
          where === "query" ? route.examples?.query?.[name] : exampleFor(property, name);
        if (example !== undefined && (required || where === "query")) parameter.example = example;
        parameters.push(parameter);
      }
    }
    const problems = new Set<number>([400, 429, ...(route.problems ?? [])]);
    if (route.access !== "public") {
      problems.add(401);
      if (route.access !== "authenticated") problems.add(403);
    }
    const responses: Record<string, unknown> = {
      [route.status]: route.produces
        ? {
            description: "Success",
            content: { [route.produces]: { schema: { type: "string", format: "binary" } } },
          }
        : route.response
          ? {
              description: "Success",
              content: {
                "application/json": withExample(route.response, "output", route.examples?.response),
              },
            }
          : { description: "Success, no body" },
    };
    for (const status of [...problems].sort()) {
      responses[status] = {
        description: PROBLEM_TITLES[status] ?? "Problem",
        content: {
          "application/problem+json": {
            schema: { $ref: "#/components/schemas/Problem" },
            example: problemExample(status, path),
          },
        },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      // Either scheme alone is enough: the SPA's cookie or an API client's Bearer header.
      security: route.access === "public" ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
    };
    if (Array.isArray(route.access)) {
      operation["x-roles"] = route.access;
      operation.description = `Roles: ${route.access.join(", ")}`;
    }
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": withExample(route.body, "input", route.examples?.body) },
      };
    }
    if (route.consumes) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          route.consumes.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
        ),
      };
    }
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: { Problem: schema(ZProblem, "output") },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "The accessToken from POST /api/auth/login, sent as `Authorization: Bearer <token>`.",
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "access_token",
          description:
            "The HTTP-only cookie POST /api/auth/login sets (value `Bearer <token>`); browsers send it by themselves.",
        },
      },
    },
  };
}
