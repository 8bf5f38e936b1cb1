import type Bull from "bull";
import type { Logger } from "pino";
import { JOB_STATES, type TJob, type TJobState } from "@crm/contracts";
import { AppError } from "@crm/core";
import {
  checkPayload,
  createCatalog,
  definitionOf,
  iso,
  jobNotFound,
  scheduleOf,
  type JobCatalog,
  type JobClient,
} from "../client";
import type { JobDefinition } from "../definition";
import { JOBS } from "../registry";
import { SCHEDULES, type Schedule } from "../schedules";
import { createQueue, type QueueConnection } from "./queues";

export interface BullJobsOptions extends QueueConnection {
  definitions?: readonly JobDefinition[];
  schedules?: readonly Schedule[];
  /** A Redis call slower than this answers 503 instead of holding the request. */
  timeoutMs?: number;
  logger?: Logger;
}

function stateOf(state: string): TJobState {
  // "paused" and "stuck" are waiting jobs nobody has taken yet.
  return (JOB_STATES as readonly string[]).includes(state) ? (state as TJobState) : "waiting";
}

/** A bull job as the Jobs page shows it. */
export async function jobView(queue: Bull.Queue, job: Bull.Job, known?: TJobState): Promise<TJob> {
  const state = known ?? stateOf(await job.getState());
  let runAt: string | null = null;
  if (state === "delayed") {
    // bull scores delayed jobs as timestamp × 0x1000 + a counter.
    const score = await queue.client.zscore(queue.toKey("delayed"), String(job.id));
    if (score !== null) runAt = iso(Math.floor(Number(score) / 0x1000));
  }
  return {
    id: String(job.id),
    queue: queue.name as TJob["queue"],
    state,
    payload: job.data,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    lastError: job.failedReason ?? null,
    result: job.returnvalue ?? null,
    scheduled: Boolean(job.opts.repeat),
    createdAt: iso(job.timestamp)!,
    startedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    runAt,
  };
}

/**
 * The API's side with Redis: it only adds jobs and reads them; workers (apps/worker) run them
 * and register the schedules.
 */
export function createBullJobs(options: BullJobsOptions): JobClient {
  const catalog: JobCatalog = createCatalog(
    options.definitions ?? JOBS,
    options.schedules ?? SCHEDULES,
  );
  const queues = new Map<string, Bull.Queue>();
  const timeoutMs = options.timeoutMs ?? 5_000;

  const queueOf = (name: string) => {
    const definition = definitionOf(catalog, name);
    let queue = queues.get(name);
    if (!queue) {
      queue = createQueue(definition, options);
      queue.on("error", (error) =>
        options.logger?.warn({ err: error, queue: name }, "queue error"),
      );
      queues.set(name, queue);
    }
    return queue;
  };

  /** Redis being away is a 503 for the caller, not a hung request or a 500. */
  async function redis<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error("Redis did not answer")), timeoutMs);
        }),
      ]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("UNAVAILABLE", {
        detail: `The job queue is unavailable: ${(error as Error).message}`,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function findJob(name: string, id: string) {
    const queue = queueOf(name);
    const job = await queue.getJob(id);
    if (!job) throw jobNotFound(name, id);
    return { queue, job };
  }

  async function add(name: string, payload: unknown, delayMs?: number) {
    const definition = definitionOf(catalog, name);
    const data = checkPayload(definition, payload);
    return redis(async () => {
      const queue = queueOf(name);
      const job = await queue.add(data, delayMs ? { delay: delayMs } : {});
      return jobView(queue, job, delayMs ? "delayed" : "waiting");
    });
  }

  return {
    mode: "redis",

    enqueue: async (name, payload, enqueueOptions = {}) =>
      add(name, payload, enqueueOptions.delayMs),

    overview: () =>
      redis(async () => ({
        mode: "redis" as const,
        queues: await Promise.all(
          [...catalog.definitions.values()].map(async (definition) => {
            const queue = queueOf(definition.name);
            const counts = await queue.getJobCounts();
            const schedule = catalog.schedules.get(definition.name);
            const repeatable = schedule
              ? (await queue.getRepeatableJobs()).find((entry) => entry.every === schedule.every)
              : undefined;
            return {
              name: definition.name as TJob["queue"],
              counts: {
                waiting: counts.waiting + ((counts as { paused?: number }).paused ?? 0),
                active: counts.active,
                delayed: counts.delayed,
                completed: counts.completed,
                failed: counts.failed,
              },
              schedule: schedule
                ? {
                    every: schedule.every,
                    payload: schedule.payload,
                    nextRunAt: iso(repeatable?.next),
                  }
                : null,
              attempts: definition.attempts,
              timeoutMs: definition.timeoutMs,
              concurrency: definition.concurrency,
            };
          }),
        ),
      })),

    list: (name, query) =>
      redis(async () => {
        const queue = queueOf(name);
        const jobs = await queue.getJobs([query.state], 0, query.limit - 1);
        // bull keeps each state newest first; a job removed meanwhile comes back as null.
        return Promise.all(jobs.filter(Boolean).map((job) => jobView(queue, job, query.state)));
      }),

    runNow: async (name) => add(name, scheduleOf(catalog, name).payload),

    retry: (name, id) =>
      redis(async () => {
        const { queue, job } = await findJob(name, id);
        if ((await job.getState()) !== "failed")
          throw new AppError("CONFLICT", { detail: "Only a failed job can be retried" });
        await job.retry();
        return jobView(queue, (await queue.getJob(id)) ?? job);
      }),

    remove: (name, id) =>
      redis(async () => {
        const { job } = await findJob(name, id);
        const state = await job.getState();
        if (state === "active")
          throw new AppError("CONFLICT", { detail: "The job is running; remove it once it ends" });
        // bull adds a schedule's next tick when the current one starts: without it the
        // schedule would stop until a worker restarts.
        if (state === "delayed" && job.opts.repeat)
          throw new AppError("CONFLICT", { detail: "This is a schedule's next run; it stays" });
        await job.remove();
      }),

    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
    },
  };
}
