import type { importFlats } from "@crm/core";
import type { Db } from "@crm/db";
import { createBullJobs, createInProcessJobs, createMailer, type JobClient } from "@crm/jobs";
import type { ApiEnv } from "../env";
import type { Logger } from "../lib/logger";

/**
 * The API's job client. With REDIS_URL the API only enqueues (bull) and workers run the jobs
 * and their schedules; without it the API runs them itself, schedules included — then run one
 * API instance (docs/decisions/007-one-job-system.md).
 */
export function startJobs(
  env: ApiEnv,
  deps: { db: Db; logger: Logger; sheets: importFlats.SheetsConfig },
): JobClient {
  if (env.REDIS_URL)
    return createBullJobs({
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      logger: deps.logger,
    });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, logger: deps.logger });
  const jobs = createInProcessJobs({ ...deps, mailer });
  jobs.start();
  return jobs;
}
