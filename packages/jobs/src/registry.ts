import type { JobName, JobPayload } from "@crm/contracts";
import type { JobDefinition } from "./definition";
import { importFlatsJob } from "./jobs/import-flats.job";
import { markOverduePaymentsJob } from "./jobs/mark-overdue-payments.job";
import { releaseExpiredBookingsJob } from "./jobs/release-expired-bookings.job";
import { sendEmailJob } from "./jobs/send-email.job";
import { syncGoogleSheetJob } from "./jobs/sync-google-sheet.job";
import { warmLandingCacheJob } from "./jobs/warm-landing-cache.job";

/**
 * Every job, in one place: a queue per name (bull) or a run record per name (in-process). The
 * type requires a definition for each payload in the contracts, so a job cannot be enqueued
 * that nobody runs.
 */
export const jobRegistry = {
  "release-expired-bookings": releaseExpiredBookingsJob,
  "mark-overdue-payments": markOverduePaymentsJob,
  "warm-landing-cache": warmLandingCacheJob,
  "sync-google-sheet": syncGoogleSheetJob,
  "send-email": sendEmailJob,
  "import-flats": importFlatsJob,
} as const satisfies { [N in JobName]: JobDefinition<JobPayload<N>> & { name: N } };

export const JOBS: readonly JobDefinition[] = Object.values(jobRegistry) as JobDefinition[];
