import { Router } from "express";
import { healthRoutes } from "@crm/contracts";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function healthRouter({ db, redis }: AppDeps) {
  const router = Router();
  mount(router, healthRoutes.health, () => ({ status: "ok" as const }));
  mount(router, healthRoutes.ready, async ({ res }) => {
    const checks: Record<string, "ok" | "down" | "disabled"> = {};
    checks.database = await db.$queryRawUnsafe("SELECT 1").then(
      () => "ok" as const,
      () => "down" as const,
    );
    checks.redis = redis
      ? await redis.ping().then(
          () => "ok" as const,
          () => "down" as const,
        )
      : "disabled";
    const ready = Object.values(checks).every((check) => check !== "down");
    if (!ready) res.locals.status = 503;
    return { status: ready ? ("ok" as const) : ("unavailable" as const), checks };
  });
  return router;
}
