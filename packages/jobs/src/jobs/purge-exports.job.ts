import { jobDefaults, ZPurgeExportsJob } from "@crm/contracts";
import { exportsService } from "@crm/core";
import { defineJob } from "../definition";

/** Removes the files of exports past their expiry (setting `exports.ttlHours`). */
export const purgeExportsJob = defineJob({
  name: "purge-exports",
  payload: ZPurgeExportsJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 5 * 60_000,
  concurrency: 1,
  async handle(_payload, deps) {
    return exportsService.purgeExpiredExports(deps.db, deps.now());
  },
});
