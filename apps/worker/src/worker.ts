import type Bull from "bull";
import type { JobName } from "@crm/contracts";
import type { Db } from "@crm/db";
import { jobs as allJobs, type AnyJobDefinition, type JobContext, type JobDeps } from "./jobs";
import type { Logger } from "./logger";
import { createMailer, type Mailer } from "./mailer";
import { createQueue, type JobQueue } from "./queues";

/** Repeatable jobs: queue name → interval. Adding the same schedule twice is a no-op in bull. */
export const SCHEDULES: Partial<Record<JobName, number>> = {
  "release-expired-bookings": 60_000,
};

export interface StartWorkerOptions {
  redisUrl: string;
  prefix: string;
  db: Db;
  logger: Logger;
  mailer?: Mailer;
  /** Which jobs to consume; all by default. */
  jobs?: readonly AnyJobDefinition[];
  /** Repeatable jobs to register; SCHEDULES by default, `{}` for none. */
  schedules?: Partial<Record<JobName, number>>;
  now?: () => Date;
}

export interface RunningWorker {
  queues: ReadonlyMap<JobName, JobQueue>;
  /** Stops taking jobs, waits for the running ones, and disconnects from Redis. */
  close(): Promise<void>;
}

/** A payload that does not match its contract: retrying cannot fix it, so the job fails at once. */
export class InvalidJobPayloadError extends Error {
  override readonly name = "InvalidJobPayloadError";
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { redisUrl, prefix, db, logger } = options;
  const mailer =
    options.mailer ?? createMailer({ from: "RealEstate CRM <no-reply@localhost>", logger });
  const deps: JobDeps = { db, logger, mailer, now: options.now };
  const queues = new Map<JobName, JobQueue>();

  for (const job of options.jobs ?? allJobs) {
    const queue = createQueue(job.name, { redisUrl, prefix });
    queues.set(job.name, queue);
    queue.on("error", (error) => logger.error({ err: error, queue: job.name }, "queue error"));
    queue.on("failed", (failed, error) =>
      logger.warn(
        { err: error, queue: job.name, jobId: failed.id, attemptsMade: failed.attemptsMade },
        "job failed",
      ),
    );
    queue.on("stalled", (stalled) =>
      logger.warn({ queue: job.name, jobId: stalled.id }, "job stalled, requeued"),
    );

    // `process` resolves only when the queue closes, so it is not awaited.
    queue
      .process(job.concurrency, async (queued: Bull.Job) => {
        const parsed = job.payload.safeParse(queued.data);
        if (!parsed.success) {
          await queued.discard();
          const fields = parsed.error.issues.map(
            (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
          );
          throw new InvalidJobPayloadError(`invalid ${job.name} payload: ${fields.join("; ")}`);
        }
        const log = logger.child({ queue: job.name, jobId: queued.id });
        // The payload was just checked against this job's own schema.
        const handle = job.handle as (
          payload: unknown,
          deps: JobDeps,
          context: JobContext,
        ) => Promise<unknown>;
        return handle(parsed.data, { ...deps, logger: log }, { jobId: String(queued.id) });
      })
      .catch((error: unknown) =>
        logger.error({ err: error, queue: job.name }, "queue processing stopped"),
      );
    await queue.isReady();
  }

  for (const [name, every] of Object.entries(options.schedules ?? SCHEDULES) as [
    JobName,
    number,
  ][]) {
    const queue = queues.get(name);
    if (queue) await ensureSchedule(queue, every);
  }
  logger.info({ queues: [...queues.keys()], prefix }, "worker started");

  return {
    queues,
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      mailer.close();
    },
  };
}

/** Keeps exactly one repeatable job per queue, replacing one left with another interval. */
async function ensureSchedule(queue: JobQueue, every: number) {
  for (const repeatable of await queue.getRepeatableJobs()) {
    if (Number(repeatable.every) !== every) await queue.removeRepeatableByKey(repeatable.key);
  }
  // No custom jobId: bull splits repeat keys on ":" and would misread one containing it.
  await queue.add({} as never, { repeat: { every } });
}
