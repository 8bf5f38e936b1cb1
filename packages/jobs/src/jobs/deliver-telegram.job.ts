import { jobDefaults, ZDeliverTelegramJob } from "@crm/contracts";
import { telegramOutbox } from "@crm/core";
import { defineJob } from "../definition";

/**
 * Sends what waits for Telegram: staff notifications to linked users (who want that kind by
 * Telegram), buyers' reminders and winners' messages. Rows are marked after each send, so a
 * repeated run sends nothing twice; a transient failure fails the run and it is retried.
 */
export const deliverTelegramJob = defineJob({
  name: "deliver-telegram",
  payload: ZDeliverTelegramJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps) {
    const result = await telegramOutbox.dispatchTelegram(deps.db, deps.telegram ?? null, {
      now: deps.now(),
    });
    if (result.sent || result.failed) deps.logger.info(result, "telegram delivered");
    return result;
  },
});
