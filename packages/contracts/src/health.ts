import { z } from "zod";
import { defineRoute } from "./routes";

export const ZHealth = z.object({ status: z.literal("ok") });
export const ZReadiness = z.object({
  /** "degraded": serving, but Redis is down (503 "unavailable" only without the database). */
  status: z.enum(["ok", "degraded", "unavailable"]),
  checks: z.record(z.string(), z.enum(["ok", "down", "disabled"])),
  /** Where rate limits are counted: shared in Redis, or per API instance (no Redis, or down). */
  rateLimits: z.enum(["redis", "local"]),
});

export const healthRoutes = {
  health: defineRoute({
    method: "get",
    path: "/healthz",
    summary: "Liveness: the process answers",
    tag: "health",
    access: "public",
    status: 200,
    response: ZHealth,
  }),
  ready: defineRoute({
    method: "get",
    path: "/readyz",
    summary: "Readiness: 200 while the database answers (degraded when Redis is down), else 503",
    tag: "health",
    access: "public",
    status: 200,
    response: ZReadiness,
    problems: [503],
  }),
};
