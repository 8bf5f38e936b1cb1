import { z } from "zod";
import { text, ZId, ZIsoDateTime } from "./common";
import { ZGenerateExportJob, ZPurgeExportsJob } from "./exports";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/** Releases every BOOKED flat whose hold has expired (runs every minute, also on demand). */
export const ZReleaseExpiredBookingsJob = z.strictObject({});
export type TReleaseExpiredBookingsJob = z.infer<typeof ZReleaseExpiredBookingsJob>;

/** Marks unpaid instalments past their due date OVERDUE (runs every minute, also on demand). */
export const ZMarkOverduePaymentsJob = z.strictObject({});
export type TMarkOverduePaymentsJob = z.infer<typeof ZMarkOverduePaymentsJob>;

/** Closes the working days nobody checked out of, at the configured time (every 5 minutes). */
export const ZCloseAttendanceJob = z.strictObject({});
export type TCloseAttendanceJob = z.infer<typeof ZCloseAttendanceJob>;

/** Refreshes the Instagram token before it runs out (every 6 hours). */
export const ZRefreshInstagramTokenJob = z.strictObject({});

/** Fills the landing pages' cache ahead of visitors (every 15 minutes). */
export const ZWarmLandingCacheJob = z.strictObject({});
export type TWarmLandingCacheJob = z.infer<typeof ZWarmLandingCacheJob>;

/** One plain-text notification email. */
export const ZSendEmailJob = z.strictObject({
  to: z.email().max(254),
  /** One line: a line break in a mail header would start another header. */
  subject: text(200),
  text: text(100_000, { multiline: true, trim: false }),
});
export type TSendEmailJob = z.infer<typeof ZSendEmailJob>;

/**
 * Emails the notifications whose email is pending (every minute, and enqueued by the API after
 * a change that notifies someone).
 */
export const ZDeliverEmailsJob = z.strictObject({});

/**
 * Imports flats from Google Sheets: one complex's sheet when `complexId` is given (a user asked),
 * otherwise every complex whose sync is due (the schedule).
 */
export const ZSyncGoogleSheetJob = z.strictObject({
  complexId: ZId.optional(),
  /** User who asked for the sync, for the audit trail; absent for scheduled syncs. */
  requestedById: ZId.optional(),
});
export type TSyncGoogleSheetJob = z.infer<typeof ZSyncGoogleSheetJob>;

/** Calls due soon, holds ending and instalments due or overdue: staff and buyers are reminded (every minute). */
export const ZScanRemindersJob = z.strictObject({});
export type TScanRemindersJob = z.infer<typeof ZScanRemindersJob>;

/** Sends pending Telegram messages: staff notifications and the bot's outbox (every minute). */
export const ZDeliverTelegramJob = z.strictObject({});
export type TDeliverTelegramJob = z.infer<typeof ZDeliverTelegramJob>;
/** Adds the lead count changes appended by the database into the counts (every minute). */
export const ZFoldLeadCountsJob = z.strictObject({});

/** Runs one flat import (a dry run, or the apply of one) recorded as an ImportRun. */
export const ZImportFlatsJob = z.strictObject({ runId: ZId });
export type TImportFlatsJob = z.infer<typeof ZImportFlatsJob>;

/**
 * Background job payloads: the API enqueues and the worker validates the same shapes.
 * Each entry: queue name → payload schema.
 */
export const jobPayloads = {
  "release-expired-bookings": ZReleaseExpiredBookingsJob,
  "mark-overdue-payments": ZMarkOverduePaymentsJob,
  "warm-landing-cache": ZWarmLandingCacheJob,
  "sync-google-sheet": ZSyncGoogleSheetJob,
  "send-email": ZSendEmailJob,
  "close-attendance": ZCloseAttendanceJob,
  "scan-reminders": ZScanRemindersJob,
  "deliver-telegram": ZDeliverTelegramJob,
  "deliver-emails": ZDeliverEmailsJob,
  "generate-export": ZGenerateExportJob,
  "purge-exports": ZPurgeExportsJob,
  "refresh-instagram-token": ZRefreshInstagramTokenJob,
  "import-flats": ZImportFlatsJob,
  "fold-lead-counts": ZFoldLeadCountsJob,
} as const satisfies Record<string, z.ZodType>;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;
export const JOB_NAMES = Object.keys(jobPayloads) as JobName[];
export const ZJobName = z.enum(JOB_NAMES as [JobName, ...JobName[]]);

/**
 * Defaults every job inherits unless its definition says otherwise: 5 attempts with exponential
 * backoff (after the n-th failure bull waits (2^n − 1) × 5 s: 5, 15, 35, 75 s). Finished runs are
 * trimmed to the most recent ones instead of kept forever; failed ones are kept longer.
 */
export const jobDefaults = {
  attempts: 5,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
} as const;

/** Parses a payload for a queue; throws a ZodError listing every bad field. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobPayloads[name].parse(payload) as JobPayload<N>;
}

// ── The Jobs page (ADMIN) ──────────────────────────────────────────────────────────────────────

/** Where a job is: the states are bull's, and the in-process runner keeps the same ones. */
export const JOB_STATES = ["waiting", "active", "delayed", "completed", "failed"] as const;
export const ZJobState = z.enum(JOB_STATES);
export type TJobState = z.infer<typeof ZJobState>;

/** "in-process": the API runs jobs itself (no Redis); "redis": bull queues, run by workers. */
export const ZJobMode = z.enum(["in-process", "redis"]);
export type TJobMode = z.infer<typeof ZJobMode>;

export const ZJobSchedule = z.object({
  /** Interval in milliseconds; ticks fall on multiples of it (UTC epoch). */
  every: z.number().int().positive(),
  payload: z.unknown(),
  /**
   * When the next tick is due; null when no runner has registered the schedule (with Redis:
   * no worker has started yet).
   */
  nextRunAt: ZIsoDateTime.nullable(),
});
export type TJobSchedule = z.infer<typeof ZJobSchedule>;

export const ZJobQueue = z.object({
  name: ZJobName,
  counts: z.object(
    Object.fromEntries(JOB_STATES.map((state) => [state, z.number().int().min(0)])) as Record<
      TJobState,
      z.ZodNumber
    >,
  ),
  schedule: ZJobSchedule.nullable(),
  attempts: z.number().int().positive(),
  timeoutMs: z.number().int().positive(),
  concurrency: z.number().int().positive(),
});
export type TJobQueue = z.infer<typeof ZJobQueue>;

export const ZJobsOverview = z.object({ mode: ZJobMode, queues: z.array(ZJobQueue) });
export type TJobsOverview = z.infer<typeof ZJobsOverview>;

export const ZJob = z.object({
  id: z.string(),
  queue: ZJobName,
  state: ZJobState,
  payload: z.unknown(),
  /** Attempts started so far, out of `attempts`. */
  attemptsMade: z.number().int().min(0),
  attempts: z.number().int().positive(),
  /** Why the last attempt failed, if it did. */
  lastError: z.string().nullable(),
  result: z.unknown(),
  /** Added by a schedule tick rather than by someone. */
  scheduled: z.boolean(),
  createdAt: ZIsoDateTime,
  startedAt: ZIsoDateTime.nullable(),
  finishedAt: ZIsoDateTime.nullable(),
  /** A delayed job (waiting out a retry's backoff) runs again at this time. */
  runAt: ZIsoDateTime.nullable(),
});
export type TJob = z.infer<typeof ZJob>;

export const ZJobQueueParams = z.strictObject({ queue: ZJobName });
export const ZJobParams = z.strictObject({ queue: ZJobName, id: z.string().min(1).max(200) });
export const ZJobListQuery = z.strictObject({
  state: ZJobState.default("failed"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TJobListQuery = z.infer<typeof ZJobListQuery>;

const ADMIN_ONLY = ROLES.admin;

export const jobRoutes = {
  overview: defineRoute({
    method: "get",
    path: "/api/jobs",
    summary: "Job queues: counts by state and the schedule of each",
    tag: "jobs",
    access: ADMIN_ONLY,
    status: 200,
    response: ZJobsOverview,
  }),
  list: defineRoute({
    method: "get",
    path: "/api/jobs/:queue",
    summary: "Recent jobs of a queue in one state (newest first), with payload and last error",
    tag: "jobs",
    access: ADMIN_ONLY,
    params: ZJobQueueParams,
    query: ZJobListQuery,
    status: 200,
    response: z.object({ items: z.array(ZJob) }),
  }),
  run: defineRoute({
    method: "post",
    path: "/api/jobs/:queue/run",
    summary: "Run a scheduled job now, with its scheduled payload",
    tag: "jobs",
    access: ADMIN_ONLY,
    params: ZJobQueueParams,
    status: 202,
    response: ZJob,
    problems: [409],
  }),
  retry: defineRoute({
    method: "post",
    path: "/api/jobs/:queue/:id/retry",
    summary: "Run a failed job once more",
    tag: "jobs",
    access: ADMIN_ONLY,
    params: ZJobParams,
    status: 202,
    response: ZJob,
    problems: [404, 409],
  }),
  remove: defineRoute({
    method: "delete",
    path: "/api/jobs/:queue/:id",
    summary: "Remove a job that is not running",
    tag: "jobs",
    access: ADMIN_ONLY,
    params: ZJobParams,
    status: 204,
    response: null,
    problems: [404, 409],
  }),
};
