import { ZReleaseExpiredBookingsJob } from "@crm/contracts";
import { holds } from "@crm/core";
import type { JobDefinition } from "./types";

export interface ReleaseResult {
  released: number;
  /** Complexes whose availability changed, for cache invalidation. */
  complexIds: number[];
}

/**
 * SPEC §5: a booking holds a flat until `bookedUntil`; once that passes the flat is free again.
 * The rule lives in @crm/db (holds.ts) and is the same one the API runs without Redis: each flat
 * is freed with a guarded update (still BOOKED, still expired, same version) so a seller who
 * extends or converts the hold at that moment wins; the lead returns to work, the first lead in
 * the flat's queue gets it, and every step is audited in the same transaction.
 */
export const releaseExpiredBookingsJob: JobDefinition<"release-expired-bookings"> = {
  name: "release-expired-bookings",
  payload: ZReleaseExpiredBookingsJob,
  concurrency: 1,
  async handle(_payload, deps, context): Promise<ReleaseResult> {
    const result = await holds.releaseExpiredHolds(deps.db, {
      now: deps.now?.() ?? new Date(),
      requestId: context ? `job:${context.jobId}` : null,
    });
    if (result.released) deps.logger.info(result, "expired bookings released");
    return result;
  },
};
