import { ZImportFlatsJob } from "@crm/contracts";
import { importFlats } from "@crm/core";
import { defineJob } from "../definition";

/**
 * One recorded import (a dry run or the apply of one). The run's row holds the progress and the
 * report; a finished run is not run again, so a repeated job changes nothing.
 */
export const importFlatsJob = defineJob({
  name: "import-flats",
  payload: ZImportFlatsJob,
  attempts: 1,
  backoff: { type: "fixed", delay: 5_000 },
  timeoutMs: 10 * 60_000,
  concurrency: 1,
  async handle(payload, deps) {
    const run = await importFlats.executeRun(deps.db, payload.runId, {
      sheets: deps.sheets ?? importFlats.noSheets,
      now: deps.now,
    });
    return { runId: run.id, status: run.status, counts: run.counts };
  },
});
