import { ZSyncGoogleSheetJob } from "@crm/contracts";
import { sheetSync } from "@crm/core";
import { defineJob, PermanentJobError } from "../definition";

/**
 * Google Sheets import: a given complex, or every complex whose sync is due (the schedule).
 * The importer is not built yet. With nothing due (no complex names a sheet) the run is a
 * success that synced nothing; with complexes due it fails, naming them, rather than claiming
 * a sync that did not happen — retrying would not help, so it fails at once.
 */
export const syncGoogleSheetJob = defineJob({
  name: "sync-google-sheet",
  payload: ZSyncGoogleSheetJob,
  attempts: 3,
  backoff: { type: "exponential", delay: 30_000 },
  timeoutMs: 5 * 60_000,
  concurrency: 1,
  async handle(payload, deps) {
    const due = await sheetSync.complexesDueForSync(deps.db, { complexId: payload.complexId });
    if (due.length === 0) return { due: 0, synced: 0 };
    throw new PermanentJobError(
      `Google Sheets import is not available yet: complexes ${due
        .map((complex) => complex.id)
        .join(", ")} have a sheet and were not synced`,
    );
  },
});
