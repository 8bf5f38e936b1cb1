import { ZSyncGoogleSheetJob } from "@crm/contracts";
import { importFlats } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Google Sheets sync: one complex's sheet when asked, otherwise every complex whose scheduled
 * sync is on and due (the schedule ticks every minute; the interval per complex is a setting).
 * Each sync reads, plans and applies in one transaction; a failing one keeps the flats as they
 * were and records its error on the complex (the run is the report, so the job itself succeeds).
 */
export const syncGoogleSheetJob = defineJob({
  name: "sync-google-sheet",
  payload: ZSyncGoogleSheetJob,
  attempts: 3,
  backoff: { type: "exponential", delay: 30_000 },
  timeoutMs: 10 * 60_000,
  concurrency: 1,
  async handle(payload, deps) {
    return importFlats.syncDueSheets(
      deps.db,
      { sheets: deps.sheets ?? importFlats.noSheets, now: deps.now },
      { complexId: payload.complexId, requestedById: payload.requestedById },
    );
  },
});
