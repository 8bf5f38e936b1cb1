import { jobDefaults, ZDeliverEmailsJob } from "@crm/contracts";
import { emailDelivery } from "@crm/core";
import { defineJob } from "../definition";

/**
 * The email outbox (@crm/core `deliverPendingEmails`): every pending notification email goes
 * to a user who wants it, or is marked skipped. Runs every minute and whenever the API has just
 * notified someone. An SMTP failure fails the attempt: retried with backoff, and on the last
 * attempt the email is marked FAILED and the run ends failed on the Jobs page.
 */
export const deliverEmailsJob = defineJob({
  name: "deliver-emails",
  payload: ZDeliverEmailsJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 5 * 60_000,
  concurrency: 1,
  async handle(_payload, deps, context) {
    const result = await emailDelivery.deliverPendingEmails(
      deps.db,
      (email) => deps.mailer.send(email),
      { finalAttempt: context.attempt >= context.attempts },
    );
    if (result.sent || result.logged) deps.logger.info(result, "notification emails");
    return result;
  },
});
