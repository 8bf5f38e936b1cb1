import { z } from "zod";
import { defineRoute } from "./routes";

export const ZHealth = z.object({ status: z.literal("ok") });
export const ZReadiness = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), z.enum(["ok", "down", "disabled"])),
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
    summary: "Readiness: database (and Redis when configured) reachable",
    tag: "health",
    access: "public",
    status: 200,
    response: ZReadiness,
    problems: [503],
  }),
};
