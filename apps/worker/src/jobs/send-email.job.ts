import { ZSendEmailJob } from "@crm/contracts";
import type { JobDefinition } from "./types";

/** SPEC §9: notification email over SMTP; a refused or dropped connection is retried with backoff. */
export const sendEmailJob: JobDefinition<"send-email"> = {
  name: "send-email",
  payload: ZSendEmailJob,
  concurrency: 5,
  async handle(payload, deps) {
    const result = await deps.mailer.send(payload);
    deps.logger.info({ to: payload.to, delivered: result.delivered }, "email job done");
    return result;
  },
};
