import { z } from "zod";
import { text, ZId } from "./common";

/** Releases every BOOKED flat whose hold has expired (runs every minute, also on demand). */
export const ZReleaseExpiredBookingsJob = z.strictObject({});
export type TReleaseExpiredBookingsJob = z.infer<typeof ZReleaseExpiredBookingsJob>;

/** One plain-text notification email. */
export const ZSendEmailJob = z.strictObject({
  to: z.email().max(254),
  /** One line: a line break in a mail header would start another header. */
  subject: text(200),
  text: text(100_000, { multiline: true, trim: false }),
});
export type TSendEmailJob = z.infer<typeof ZSendEmailJob>;

/** Imports a complex's flats from its Google Sheet. */
export const ZSyncGoogleSheetJob = z.strictObject({
  complexId: ZId,
  /** User who asked for the sync, for the audit trail; absent for scheduled syncs. */
  requestedById: ZId.optional(),
});
export type TSyncGoogleSheetJob = z.infer<typeof ZSyncGoogleSheetJob>;

/**
 * Background job payloads: the API enqueues and the worker validates the same shapes.
 * Each entry: queue name → payload schema.
 */
export const jobPayloads = {
  "release-expired-bookings": ZReleaseExpiredBookingsJob,
  "send-email": ZSendEmailJob,
  "sync-google-sheet": ZSyncGoogleSheetJob,
} as const satisfies Record<string, z.ZodType>;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;
export const JOB_NAMES = Object.keys(jobPayloads) as JobName[];

/**
 * Options every producer (API, worker schedules) uses when it adds a job, so a job enqueued
 * anywhere is retried the same way: 5 attempts with exponential backoff (5 s, 10 s, 20 s, 40 s).
 * Finished jobs are trimmed to the most recent ones instead of kept forever; failed ones are
 * kept longer for inspection.
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
