import { ZWarmLandingCacheJob } from "@crm/contracts";
import { defineJob } from "../definition";

/**
 * The schedule slot for the landing pages' cache. There are no landing pages and so no cache
 * yet: the run does nothing and says so (`warmed: 0`). The landing-page work fills in the
 * handler; the schedule, the Jobs page entry and the run record are already in place.
 */
export const warmLandingCacheJob = defineJob({
  name: "warm-landing-cache",
  payload: ZWarmLandingCacheJob,
  // A missed warm-up is made good by the next tick, 15 minutes later.
  attempts: 1,
  backoff: { type: "fixed", delay: 60_000 },
  timeoutMs: 5 * 60_000,
  concurrency: 1,
  async handle() {
    return { warmed: 0 };
  },
});
