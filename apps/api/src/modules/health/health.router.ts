import { Router } from "express";
import { healthRoutes } from "@crm/contracts";
import type { AppContext } from "../../app";
import { mount } from "../../http/route";

export function healthRouter({ db, redisLink }: AppContext) {
  const router = Router();
  mount(router, healthRoutes.health, () => ({ status: "ok" as const }));
  mount(router, healthRoutes.ready, async ({ res }) => {
    const database = await db.$queryRawUnsafe("SELECT 1").then(
      () => "ok" as const,
      () => "down" as const,
    );
    const redis = redisLink ? await redisLink.check() : ("disabled" as const);
    // Without the database nothing works: out of the load balancer. Without Redis the API still
    // serves (rate limits fall back to per-instance counters), so it stays in, marked degraded.
    if (database === "down") res.locals.status = 503;
    return {
      status:
        database === "down"
          ? ("unavailable" as const)
          : redis === "down"
            ? ("degraded" as const)
            : ("ok" as const),
      checks: { database, redis },
      rateLimits: redis === "ok" ? ("redis" as const) : ("local" as const),
    };
  });
  return router;
}
