import type Bull from "bull";
import type { Logger } from "pino";
import type { importFlats } from "@crm/core";
import type { Db, SqlReader } from "@crm/db";
import { createCatalog } from "../client";
import { PermanentJobError, runAttempt, type JobDefinition, type JobDeps } from "../definition";
import type { telegramOutbox } from "@crm/core";
import { createMailer, type Mailer } from "../mailer";
import { JOBS } from "../registry";
import { SCHEDULES, type Schedule } from "../schedules";
import { createQueue, type LockSettings, type QueueConnection } from "./queues";

export interface StartBullWorkerOptions extends QueueConnection {
  db: Db;
  logger: Logger;
  mailer?: Mailer;
  telegram?: telegramOutbox.TelegramSender | null;
  sheets?: importFlats.SheetsConfig;
  /** Which jobs to run; the registry's by default. */
  definitions?: readonly JobDefinition[];
  /** Repeatable jobs to register; SCHEDULES by default, `[]` for none. */
  schedules?: readonly Schedule[];
  locks?: LockSettings;
  now?: () => Date;
  /** Where report files go; `data/exports` under the working directory by default. */
  exportDir?: string;
  /** For the reports that read like the lists do; without it those exports fail. */
  reader?: SqlReader;
  landingCache?: JobDeps["landingCache"];
  instagram?: JobDeps["instagram"];
}

export interface BullWorker {
  queues: ReadonlyMap<string, Bull.Queue>;
  /**
   * Stops taking jobs and lets the ones in hand finish. At the deadline any still running are
   * handed back — their locks released, so the next stalled check of any worker returns them to
   * their queue — and the connections are dropped.
   */
  close(options?: { deadlineMs?: number }): Promise<{ handedBack: number }>;
}

/**
 * Runs jobs from Redis: one bull queue per job, each with its definition's concurrency, and the
 * schedules registered as repeatable jobs. Any number of workers may run: a job is taken by one
 * (bull's lock), and a schedule's tick is a job whose id is derived from the tick time, so every
 * worker that adds it adds the same job.
 */
export async function startBullWorker(options: StartBullWorkerOptions): Promise<BullWorker> {
  const { db, logger, prefix } = options;
  const catalog = createCatalog(options.definitions ?? JOBS, options.schedules ?? SCHEDULES);
  const mailer =
    options.mailer ?? createMailer({ from: "RealEstate CRM <no-reply@localhost>", logger });
  const deps: JobDeps = {
    db,
    logger,
    mailer,
    telegram: options.telegram ?? null,
    now: options.now ?? (() => new Date()),
    exportDir: options.exportDir,
    reader: options.reader,
    landingCache: options.landingCache,
    instagram: options.instagram,
    sheets: options.sheets,
  };
  const queues = new Map<string, Bull.Queue>();
  const inHand = new Map<string, { job: Bull.Job; abort: AbortController }>();

  for (const definition of catalog.definitions.values()) {
    const queue = createQueue(definition, options, options.locks);
    queues.set(definition.name, queue);
    queue.on("error", (error) =>
      logger.error({ err: error, queue: definition.name }, "queue error"),
    );
    queue.on("failed", (failed, error) =>
      logger.warn(
        {
          err: error,
          queue: definition.name,
          jobId: failed.id,
          attemptsMade: failed.attemptsMade,
        },
        "job failed",
      ),
    );
    queue.on("stalled", (stalled) =>
      logger.warn({ queue: definition.name, jobId: stalled.id }, "job stalled, requeued"),
    );

    // `process` resolves only when the queue closes, so it is not awaited.
    queue
      .process(definition.concurrency, async (job: Bull.Job) => {
        const key = `${definition.name}:${job.id}`;
        const abort = new AbortController();
        inHand.set(key, { job, abort });
        try {
          return await runAttempt(definition, job.data, deps, {
            jobId: String(job.id),
            attempt: job.attemptsMade + 1,
            attempts: job.opts.attempts ?? definition.attempts,
            signal: abort.signal,
          });
        } catch (error) {
          // No retry can fix it: fail now whatever attempts are left.
          if (error instanceof PermanentJobError) job.discard();
          throw error;
        } finally {
          inHand.delete(key);
        }
      })
      .catch((error: unknown) =>
        logger.error({ err: error, queue: definition.name }, "queue processing stopped"),
      );
    await queue.isReady();
  }

  for (const [name, queue] of queues) {
    await ensureSchedule(queue, catalog.schedules.get(name));
  }
  logger.info({ queues: [...queues.keys()], prefix }, "worker started");

  return {
    queues,
    async close({ deadlineMs = 25_000 } = {}) {
      const closing = Promise.all([...queues.values()].map((queue) => queue.close()));
      let deadline: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        closing.then(() => true),
        new Promise<false>((resolve) => {
          deadline = setTimeout(() => resolve(false), deadlineMs);
        }),
      ]);
      clearTimeout(deadline);
      let handedBack = 0;
      if (!finished) {
        for (const { job, abort } of inHand.values()) {
          await job.releaseLock().then(
            () => (handedBack += 1),
            (error: unknown) => logger.warn({ err: error, jobId: job.id }, "lock not released"),
          );
          abort.abort(new Error("shutting down"));
        }
        logger.warn({ handedBack }, "shutdown deadline passed: running jobs handed back");
        // close() is still waiting for the jobs handed back; drop the connections under it.
        await Promise.all(
          [...queues.values()].map((queue) =>
            (queue as unknown as { disconnect(): Promise<void> }).disconnect(),
          ),
        );
      }
      mailer.close();
      return { handedBack };
    },
  };
}

/**
 * Leaves exactly one repeatable entry per scheduled queue and none on the others. bull keys an
 * entry by its interval, so workers registering the same schedule share one entry; an entry
 * with another interval (a schedule that changed) or for a queue no longer scheduled goes.
 */
async function ensureSchedule(queue: Bull.Queue, schedule: Schedule | undefined) {
  for (const repeatable of await queue.getRepeatableJobs()) {
    if (Number(repeatable.every) !== schedule?.every)
      await queue.removeRepeatableByKey(repeatable.key);
  }
  // No custom jobId: bull splits repeat keys on ":" and would misread one containing it.
  if (schedule) await queue.add(schedule.payload, { repeat: { every: schedule.every } });
}
