import express, { type Request, type Response, type Router } from "express";
import type { Body, Params, Query, Reply, RouteDef } from "@crm/contracts";
import type { SqlReader } from "@crm/db";
import type { z } from "zod";
import { AppError } from "@crm/core";
import { zodFieldErrors } from "./errors";
import type { AuthUser } from "./types";

export interface HandlerContext<R extends RouteDef, U> {
  params: Params<R>;
  query: Query<R>;
  body: Body<R>;
  user: U;
  /** The SQL reader for this request's hot reads (the replica unless the user just wrote). */
  reads: SqlReader;
  req: Request;
  res: Response;
}

type UserFor<R extends RouteDef> = R["access"] extends "public" ? AuthUser | undefined : AuthUser;

/** Authorization as declared on the contract: public, any active user, or listed roles. */
export function checkAccess(route: RouteDef, user: AuthUser | undefined, authFailure?: string) {
  if (route.access === "public") return;
  if (!user) throw new AppError("UNAUTHENTICATED", { detail: authFailure ?? "Log in to continue" });
  if (route.access !== "authenticated" && !route.access.includes(user.role)) {
    throw new AppError("FORBIDDEN", { detail: "Your role may not do this" });
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("VALIDATION_FAILED", {
      detail: `Invalid ${where}`,
      errors: zodFieldErrors(result.error, where === "body" ? "" : where),
    });
  }
  return result.data;
}

/**
 * Mounts one contract route: access check, then params/query/body parsed by the contract's
 * schemas (bad input never reaches a service), then the handler, then the declared status.
 * Routers are a list of these one-liners.
 */
export function mount<R extends RouteDef>(
  router: Router,
  route: R,
  handler: (ctx: HandlerContext<R, UserFor<R>>) => Promise<Reply<R>> | Reply<R>,
) {
  router[route.method](route.path, async (req: Request, res: Response) => {
    checkAccess(route, req.user, req.authFailure);
    const params = parsePart(route.params, req.params, "params") ?? {};
    const query = parsePart(route.query, req.query, "query") ?? {};
    if (route.consumes && !(req.is([...route.consumes]) && Buffer.isBuffer(req.body))) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
        detail: `Send the file as one of: ${route.consumes.join(", ")}`,
      });
    }
    if (route.body && !req.is("application/json")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", { detail: "Send the body as application/json" });
    }
    const ctx = {
      params,
      query,
      body: route.consumes ? req.body : parsePart(route.body, req.body, "body"),
      user: req.user,
      reads: req.reads,
      req,
      res,
    } as HandlerContext<R, UserFor<R>>;
    const result = await handler(ctx);
    // The handler wrote the body: a non-JSON one, or JSON bytes it had ready (a cache hit).
    if (route.produces || res.headersSent) return;
    // A handler may pick another documented status (readiness answers 503 with its checks).
    const status = typeof res.locals.status === "number" ? res.locals.status : route.status;
    if (route.response === null) {
      res.status(status).end();
    } else {
      res.status(status).json(result);
    }
  });
}

/**
 * Reads the file a `consumes` route takes as its body, up to `limit` bytes (a larger one is a
 * 413 before anything is stored), and only for a caller the route lets in. Mount the route after.
 */
export function acceptFile(router: Router, route: RouteDef, limit: number) {
  router[route.method](
    route.path,
    (req: Request, _res: Response, next: () => void) => {
      checkAccess(route, req.user, req.authFailure);
      next();
    },
    express.raw({ type: [...(route.consumes ?? [])], limit }),
  );
}

/** The first two literal segments of a route path, lower-cased ("/api/leads/:id" → "/api/leads"). */
function literalPrefix(path: string): string {
  const literal: string[] = [];
  for (const segment of path.split("/").slice(1, 3)) {
    if (!segment || /[:*{}()?]/.test(segment)) break;
    literal.push(segment.toLowerCase());
  }
  return `/${literal.join("/")}`;
}

/**
 * A router entered only by requests under the paths its routes declare. Express tries every
 * route of every router in turn, so a request for the last router walked past every route of
 * the others; with this, a request skips a whole router on one lookup of its first two path
 * segments. The prefixes are read off the router once all its routes are mounted; a router
 * with a middleware not tied to a route, or a route whose first segment is a parameter, is
 * always entered. Comparison is case-insensitive, as Express's routing is.
 */
export function routedBy(router: Router): express.RequestHandler {
  const prefixes = new Set<string>();
  for (const layer of router.stack as { route?: { path: unknown } }[]) {
    const path = layer.route?.path;
    if (typeof path !== "string" || literalPrefix(path) === "/") return router;
    prefixes.add(literalPrefix(path));
  }
  return (req, res, next) => {
    const path = req.path.toLowerCase();
    const second = path.indexOf("/", 1);
    const third = second < 0 ? -1 : path.indexOf("/", second + 1);
    const one = second < 0 ? path : path.slice(0, second);
    const two = third < 0 ? path : path.slice(0, third);
    if (prefixes.has(two) || prefixes.has(one)) return router(req, res, next);
    next();
  };
}
