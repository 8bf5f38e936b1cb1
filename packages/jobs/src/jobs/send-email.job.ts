import { jobDefaults, ZSendEmailJob } from "@crm/contracts";
import { defineJob } from "../definition";

/** A notification email over SMTP; a refused or dropped connection is retried with backoff. */
export const sendEmailJob = defineJob({
  name: "send-email",
  payload: ZSendEmailJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 60_000,
  concurrency: 5,
  async handle(payload, deps) {
    const result = await deps.mailer.send(payload);
    deps.logger.info({ to: payload.to, delivered: result.delivered }, "email job done");
    return result;
  },
});
