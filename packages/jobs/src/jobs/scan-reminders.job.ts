import { jobDefaults, ZScanRemindersJob } from "@crm/contracts";
import { reminders } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Calls due within 15 minutes, holds ending within a day, instalments overdue: @crm/core's
 * `scanReminders` notifies each person once per reminder (keyed rows), however often it runs.
 */
export const scanRemindersJob = defineJob({
  name: "scan-reminders",
  payload: ZScanRemindersJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps) {
    return reminders.scanReminders(deps.db, deps.now());
  },
});
