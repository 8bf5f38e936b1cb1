import { jobDefaults, ZFoldLeadCountsJob } from "@crm/contracts";
import { stats } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Folds the lead count changes PostgreSQL's triggers append into the counts the statistics read
 * (see LeadCountDelta in the schema). Readers sum both tables, so the figures are exact whether
 * or not this has run; it keeps the appended rows few. Returns `{ moved }`.
 */
export const foldLeadCountsJob = defineJob({
  name: "fold-lead-counts",
  payload: ZFoldLeadCountsJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps) {
    const moved = await stats.foldLeadCounts(deps.db);
    return { moved };
  },
});
