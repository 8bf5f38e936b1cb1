import { ZRefreshInstagramTokenJob } from "@crm/contracts";
import { instagram } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Keeps the Instagram connection alive: a long-lived token lasts 60 days and is exchanged for a
 * fresh one once less than 10 days are left (checked every 6 hours). A refusal marks the
 * connection REFRESH_FAILED for the marketing page and fails the run.
 */
export const refreshInstagramTokenJob = defineJob({
  name: "refresh-instagram-token",
  payload: ZRefreshInstagramTokenJob,
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  timeoutMs: 60_000,
  concurrency: 1,
  async handle(_payload, { db, instagram: config, now }, { jobId }) {
    return instagram.refreshToken(
      db,
      config ?? null,
      { id: null, requestId: `job:${jobId}` },
      now(),
    );
  },
});
