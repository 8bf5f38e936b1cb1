import type { AnyJobDefinition } from "./types";
import { releaseExpiredBookingsJob } from "./release-expired-bookings.job";
import { sendEmailJob } from "./send-email.job";

export type { AnyJobDefinition, JobContext, JobDefinition, JobDeps } from "./types";
export { releaseExpiredBookingsJob, sendEmailJob };

/**
 * Every queue this worker consumes. `sync-google-sheet` has a payload contract but no handler
 * here yet: it is not listed, so the worker never takes such jobs off the queue half-done.
 */
export const jobs: readonly AnyJobDefinition[] = [releaseExpiredBookingsJob, sendEmailJob];
