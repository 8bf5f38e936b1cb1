import { jobDefaults, ZScanRemindersJob } from "@crm/contracts";
import { buyers, reminders } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Finds what people should be reminded of — staff: calls due, holds ending, overdue
 * instalments; buyers in the bot: an instalment in 3 days, today, or overdue — and records each
 * reminder once (keyed), however often this runs.
 */
export const scanRemindersJob = defineJob({
  name: "scan-reminders",
  payload: ZScanRemindersJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps) {
    const now = deps.now();
    const staff = await reminders.scanReminders(deps.db, now);
    const buyer = await buyers.scanBuyerReminders(deps.db, now);
    return { staff: staff.sent, buyers: buyer.queued };
  },
});
