import type { z } from "zod";
import type { TRoleCode } from "./roles";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route: "public" (no login), "authenticated" (any active user) or a list of
 * roles. Declared beside the route's schemas so authorization is read where the route is.
 */
export type RouteAccess = "public" | "authenticated" | readonly TRoleCode[];

export interface RouteDef {
  method: HttpMethod;
  /** Express-style path, e.g. "/api/users/:id". */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status and its body schema (null: no body). */
  status: number;
  response: z.ZodType | null;
  /**
   * A non-JSON request body (a file): its accepted media types. The body reaches the handler as
   * raw bytes (`body` then describes nothing).
   */
  consumes?: readonly string[];
  /** A non-JSON success body (e.g. "application/pdf"); the handler writes it itself. */
  produces?: string;
  /** Other statuses the route documents, besides the common problem responses. */
  problems?: readonly number[];
  /**
   * Hand-written examples for the OpenAPI document (the key routes); other routes get one
   * generated from their schemas. A test parses each against the route's schemas.
   */
  examples?: RouteExamples;
}

export interface RouteExamples {
  query?: Record<string, string | number>;
  body?: unknown;
  response?: unknown;
}

export const defineRoute = <const T extends RouteDef>(route: T): T => route;

export type Params<R extends RouteDef> = R["params"] extends z.ZodType
  ? z.output<R["params"]>
  : Record<string, never>;
export type Query<R extends RouteDef> = R["query"] extends z.ZodType
  ? z.output<R["query"]>
  : Record<string, never>;
export type Body<R extends RouteDef> = R["body"] extends z.ZodType
  ? z.output<R["body"]>
  : undefined;
/** What a client sends (before transforms/defaults). */
export type BodyInput<R extends RouteDef> = R["body"] extends z.ZodType
  ? z.input<R["body"]>
  : undefined;
export type QueryInput<R extends RouteDef> = R["query"] extends z.ZodType
  ? z.input<R["query"]>
  : undefined;
export type Reply<R extends RouteDef> = R["response"] extends z.ZodType
  ? z.infer<R["response"]>
  : void;

/** Fills ":name" segments of a route path. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
