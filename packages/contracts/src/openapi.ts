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
  429: "Too many requests",
  503: "Service unavailable",
};

function schema(type: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(type, { target: "draft-2020-12", io, unrepresentable: "any" });
  delete (json as { $schema?: string }).$schema;
  return json as Record<string, unknown>;
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
        parameters.push({
          name,
          in: where,
          required: where === "path" || (json.required ?? []).includes(name),
          schema: property,
        });
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
              content: { "application/json": { schema: schema(route.response, "output") } },
            }
          : { description: "Success, no body" },
    };
    for (const status of [...problems].sort()) {
      responses[status] = {
        description: PROBLEM_TITLES[status] ?? "Problem",
        content: {
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      security: route.access === "public" ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }],
    };
    if (Array.isArray(route.access)) {
      operation["x-roles"] = route.access;
      operation.description = `Roles: ${route.access.join(", ")}`;
    }
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: schema(route.body, "input") } },
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
        cookieAuth: { type: "apiKey", in: "cookie", name: "access_token" },
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
    },
  };
}
