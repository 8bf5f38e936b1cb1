import type { JobName, JobPayload } from "@crm/contracts";
import type { JobDefinition } from "./definition";
import { closeAttendanceJob } from "./jobs/close-attendance.job";
import { deliverTelegramJob } from "./jobs/deliver-telegram.job";
import { deliverEmailsJob } from "./jobs/deliver-emails.job";
import { foldLeadCountsJob } from "./jobs/fold-lead-counts.job";
import { generateExportJob } from "./jobs/generate-export.job";
import { purgeExportsJob } from "./jobs/purge-exports.job";
import { scanRemindersJob } from "./jobs/scan-reminders.job";
import { importFlatsJob } from "./jobs/import-flats.job";
import { markOverduePaymentsJob } from "./jobs/mark-overdue-payments.job";
import { releaseExpiredBookingsJob } from "./jobs/release-expired-bookings.job";
import { sendEmailJob } from "./jobs/send-email.job";
import { syncGoogleSheetJob } from "./jobs/sync-google-sheet.job";
import { refreshInstagramTokenJob } from "./jobs/refresh-instagram-token.job";
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
  "close-attendance": closeAttendanceJob,
  "scan-reminders": scanRemindersJob,
  "deliver-telegram": deliverTelegramJob,
  "deliver-emails": deliverEmailsJob,
  "generate-export": generateExportJob,
  "purge-exports": purgeExportsJob,
  "refresh-instagram-token": refreshInstagramTokenJob,
  "import-flats": importFlatsJob,
  "fold-lead-counts": foldLeadCountsJob,
} as const satisfies { [N in JobName]: JobDefinition<JobPayload<N>> & { name: N } };

export const JOBS: readonly JobDefinition[] = Object.values(jobRegistry) as JobDefinition[];
