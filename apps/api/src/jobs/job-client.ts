import type { importFlats, InstagramConfig, LandingCache } from "@crm/core";
import type { Db, SqlReader } from "@crm/db";
import {
  createBullJobs,
  createInProcessJobs,
  createMailer,
  createTelegramSender,
  type JobClient,
} from "@crm/jobs";
import type { ApiEnv } from "../env";
import type { Logger } from "../lib/logger";

/**
 * The API's job client. With REDIS_URL the API only enqueues (bull) and workers run the jobs
 * and their schedules; without it the API runs them itself, schedules included — then run one
 * API instance (docs/decisions/007-one-job-system.md).
 */
export function startJobs(
  env: ApiEnv,
  deps: {
    db: Db;
    reader: SqlReader;
    logger: Logger;
    landingCache?: LandingCache;
    instagram?: InstagramConfig | null;
    sheets: importFlats.SheetsConfig;
  },
): JobClient {
  if (env.REDIS_URL)
    return createBullJobs({
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      logger: deps.logger,
    });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, logger: deps.logger });
  const telegram = createTelegramSender({
    token: env.BOT_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT,
    logger: deps.logger,
  });
  const jobs = createInProcessJobs({ ...deps, mailer, telegram, exportDir: env.EXPORT_DIR });
  jobs.start();
  return jobs;
}

/**
 * After a change that notified someone (a lead given to them, a contract to approve or decided),
 * the email goes out now rather than at the next minute's outbox run. The notification rows are
 * already committed, so if the queue cannot be reached the scheduled run sends them anyway: the
 * request does not fail for it.
 */
export function deliverEmailsSoon(deps: { jobs: JobClient; logger: Logger }) {
  deps.jobs
    .enqueue("deliver-emails", {})
    .catch((error: unknown) =>
      deps.logger.warn({ err: error }, "could not enqueue email delivery; the schedule will send"),
    );
}
