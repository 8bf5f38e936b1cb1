import { jobDefaults, ZReleaseExpiredBookingsJob } from "@crm/contracts";
import { holds } from "@crm/core";
import { defineJob } from "../definition";

/**
 * A booking holds a flat until `bookedUntil`; once that passes the flat is free again.
 * The rule is @crm/core's (holds.ts): each flat is freed with a guarded update (still BOOKED,
 * still expired, same version) so a seller who extends or converts the hold at that moment
 * wins; the lead returns to work, the first lead in the flat's queue gets it, and every step is
 * audited in the same transaction. Returns `{ released, complexIds }`.
 */
export const releaseExpiredBookingsJob = defineJob({
  name: "release-expired-bookings",
  payload: ZReleaseExpiredBookingsJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  // Well inside the minute between ticks.
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps, context) {
    const result = await holds.releaseExpiredHolds(deps.db, {
      now: deps.now(),
      requestId: `job:${context.jobId}`,
    });
    if (result.released) deps.logger.info(result, "expired bookings released");
    return result;
  },
});
