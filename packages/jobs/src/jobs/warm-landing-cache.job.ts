import { ZWarmLandingCacheJob } from "@crm/contracts";
import { defineJob } from "../definition";

/**
 * Rebuilds the cached public data of every published complex (at start and every 15 minutes),
 * so a visitor never waits for a cold cache. A process without a landing cache (none given)
 * has nothing to warm and says so.
 */
export const warmLandingCacheJob = defineJob({
  name: "warm-landing-cache",
  payload: ZWarmLandingCacheJob,
  // A missed warm-up is made good by the next tick, 15 minutes later.
  attempts: 1,
  backoff: { type: "fixed", delay: 60_000 },
  timeoutMs: 5 * 60_000,
  concurrency: 1,
  async handle(_payload, { db, landingCache }) {
    return { warmed: landingCache ? await landingCache.warm(db) : 0 };
  },
});
