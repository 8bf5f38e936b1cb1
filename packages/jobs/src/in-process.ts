import type { Logger } from "pino";
import { jobDefaults, JOB_STATES, type TJob, type TJobState } from "@crm/contracts";
import { AppError, type importFlats } from "@crm/core";
import type { Db, JobRunModel as JobRun, SqlReader } from "@crm/db";
import {
  checkPayload,
  createCatalog,
  definitionOf,
  iso,
  jobNotFound,
  scheduleOf,
  type JobClient,
} from "./client";
import {
  backoffDelay,
  InvalidJobPayloadError,
  JobTimeoutError,
  PermanentJobError,
  runAttempt,
  type JobDefinition,
  type JobDeps,
} from "./definition";
import type { telegramOutbox } from "@crm/core";
import { createMailer, type Mailer } from "./mailer";
import { JOBS } from "./registry";
import { nextTick, SCHEDULES, type Schedule } from "./schedules";

export interface InProcessJobsOptions {
  db: Db;
  logger: Logger;
  mailer?: Mailer;
  telegram?: telegramOutbox.TelegramSender | null;
  sheets?: importFlats.SheetsConfig;
  now?: () => Date;
  /** Where report files go; `data/exports` under the working directory by default. */
  exportDir?: string;
  /** For the reports that read like the lists do; without it those exports fail. */
  reader?: SqlReader;
  landingCache?: JobDeps["landingCache"];
  instagram?: JobDeps["instagram"];
  definitions?: readonly JobDefinition[];
  schedules?: readonly Schedule[];
  /**
   * The one timer's period: how soon a retry whose backoff has passed, or a run left behind by a
   * process that died, is picked up. Enqueueing here wakes the runner at once.
   */
  pollMs?: number;
  /** Finished runs kept per queue: the newest completed and failed ones. */
  keep?: { completed: number; failed: number };
}

export interface InProcessJobs extends JobClient {
  /** Starts the timer: schedules fire and stored runs are taken. Without it runs only queue up. */
  start(): void;
}

/** Past its timeout an active run's claim lasts this much longer before another taker may step in. */
const CLAIM_MARGIN_MS = 30_000;
const UNFINISHED = ["waiting", "active", "delayed"];

const toJson = (value: unknown) =>
  value === undefined
    ? null
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v));

function fromJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";

function view(row: JobRun): TJob {
  return {
    id: String(row.id),
    queue: row.queue as TJob["queue"],
    state: row.state as TJobState,
    payload: fromJson(row.payload),
    attemptsMade: row.attemptsMade,
    attempts: row.attempts,
    lastError: row.lastError,
    result: fromJson(row.result),
    scheduled: row.tickKey !== null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    runAt: row.state === "delayed" ? row.runAt.toISOString() : null,
  };
}

/**
 * Jobs without Redis: the API runs them itself, with each job's attempts, backoff, timeout and
 * concurrency, and keeps every run as a JobRun row — so the Jobs page reads the same states as
 * with bull, and waiting, delayed and failed runs survive a restart.
 *
 * Runs are claimed with a conditional update and schedule ticks carry a unique key, so a second
 * process on the same database never runs a claimed run or a tick twice; still, this mode is
 * meant for one API instance (see docs/decisions/007).
 */
export function createInProcessJobs(options: InProcessJobsOptions): InProcessJobs {
  const { db, logger } = options;
  const clock = options.now ?? (() => new Date());
  const catalog = createCatalog(options.definitions ?? JOBS, options.schedules ?? SCHEDULES);
  const keep = options.keep ?? {
    completed: jobDefaults.removeOnComplete,
    failed: jobDefaults.removeOnFail,
  };
  const pollMs = options.pollMs ?? 1_000;
  const mailer =
    options.mailer ?? createMailer({ from: "RealEstate CRM <no-reply@localhost>", logger });
  const deps: JobDeps = {
    db,
    logger,
    mailer,
    telegram: options.telegram ?? null,
    now: clock,
    exportDir: options.exportDir,
    reader: options.reader,
    landingCache: options.landingCache,
    instagram: options.instagram,
    sheets: options.sheets,
  };

  interface InHand {
    promise: Promise<void>;
    attempt: number;
    abort: AbortController;
  }
  const inHand = new Map<number, InHand>();
  const busy = new Map<string, number>();
  const nextAt = new Map<string, number>();
  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;

  async function insert(
    definition: JobDefinition,
    payload: unknown,
    extra: { delayMs?: number; tickKey?: string } = {},
  ): Promise<JobRun> {
    const now = clock();
    const delayed = (extra.delayMs ?? 0) > 0;
    return db.jobRun.create({
      data: {
        queue: definition.name,
        payload: toJson(payload) ?? "null",
        state: delayed ? "delayed" : "waiting",
        attempts: definition.attempts,
        runAt: new Date(now.getTime() + (extra.delayMs ?? 0)),
        tickKey: extra.tickKey ?? null,
        createdAt: now,
      },
    });
  }

  /** Takes due runs up to each job's concurrency; never two passes at once. */
  function kick() {
    if (!started || stopping) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = pump()
      .catch((error: unknown) => logger.error({ err: error }, "job runner pass failed"))
      .finally(() => {
        pumping = null;
        if (pumpAgain) {
          pumpAgain = false;
          kick();
        }
      });
  }

  async function pump() {
    const now = clock();
    // A claim past its end belongs to a process that stopped without handing the run back.
    await db.jobRun.updateMany({
      where: { state: "active", lockedUntil: { lt: now }, id: { notIn: [...inHand.keys()] } },
      data: { state: "waiting", lockedUntil: null },
    });
    const due = await db.jobRun.findMany({
      where: { state: { in: ["waiting", "delayed"] }, runAt: { lte: now } },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
      take: 100,
      select: { id: true, queue: true, state: true, attemptsMade: true },
    });
    for (const row of due) {
      if (stopping) return;
      const definition = catalog.definitions.get(row.queue);
      if (!definition) continue; // a queue this build no longer has: left for inspection
      if ((busy.get(row.queue) ?? 0) >= definition.concurrency) continue;
      const attempt = row.attemptsMade + 1;
      const claimed = await db.jobRun.updateMany({
        where: { id: row.id, state: row.state, attemptsMade: row.attemptsMade },
        data: {
          state: "active",
          attemptsMade: attempt,
          startedAt: now,
          finishedAt: null,
          lockedUntil: new Date(now.getTime() + definition.timeoutMs + CLAIM_MARGIN_MS),
        },
      });
      if (claimed.count === 1) begin(definition, row.id, attempt);
    }
  }

  function begin(definition: JobDefinition, id: number, attempt: number) {
    busy.set(definition.name, (busy.get(definition.name) ?? 0) + 1);
    const abort = new AbortController();
    const promise = execute(definition, id, attempt, abort)
      .catch((error: unknown) => logger.error({ err: error, queue: definition.name }, "job run"))
      .finally(() => {
        busy.set(definition.name, (busy.get(definition.name) ?? 1) - 1);
        inHand.delete(id);
        kick();
      });
    inHand.set(id, { promise, attempt, abort });
  }

  async function execute(
    definition: JobDefinition,
    id: number,
    attempt: number,
    abort: AbortController,
  ) {
    const row = await db.jobRun.findUniqueOrThrow({ where: { id } });
    // Only the claim this attempt holds may be settled: a run handed back at shutdown is not.
    const settle = (data: Parameters<Db["jobRun"]["updateMany"]>[0]["data"]) =>
      db.jobRun.updateMany({
        where: { id, state: "active", attemptsMade: attempt },
        data: { ...data, lockedUntil: null, finishedAt: clock() },
      });
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        throw new InvalidJobPayloadError(`invalid ${definition.name} payload: not JSON`);
      }
      const result = await withTimeout(
        runAttempt(definition, payload, deps, {
          jobId: String(id),
          attempt,
          attempts: row.attempts,
          signal: abort.signal,
        }),
        definition.timeoutMs,
        abort,
      );
      await settle({ state: "completed", result: toJson(result) });
      await trim(definition.name, "completed", keep.completed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = !(error instanceof PermanentJobError) && attempt < row.attempts;
      logger.warn(
        { err: error, queue: definition.name, jobId: id, attemptsMade: attempt, retry },
        "job failed",
      );
      if (retry) {
        const runAt = new Date(clock().getTime() + backoffDelay(definition.backoff, attempt));
        await settle({ state: "delayed", runAt, lastError: message });
      } else {
        await settle({ state: "failed", lastError: message });
        await trim(definition.name, "failed", keep.failed);
      }
    }
  }

  /** Keeps the newest `count` runs of a queue in a finished state. */
  async function trim(queue: string, state: "completed" | "failed", count: number) {
    const oldestKept = await db.jobRun.findFirst({
      where: { queue, state },
      orderBy: { id: "desc" },
      skip: count,
      select: { id: true },
    });
    if (oldestKept)
      await db.jobRun.deleteMany({ where: { queue, state, id: { lte: oldestKept.id } } });
  }

  /**
   * A tick of a schedule becomes one run with the key "<queue>@<tick>" (unique, so whoever fires
   * the tick first owns it). A tick is skipped while the schedule's previous run is unfinished,
   * so a slow run is never overlapped by the next.
   */
  async function fireTick(schedule: Schedule, at: number) {
    const unfinished = await db.jobRun.count({
      where: { queue: schedule.name, tickKey: { not: null }, state: { in: UNFINISHED } },
    });
    if (unfinished) {
      logger.debug({ queue: schedule.name }, "previous scheduled run unfinished: tick skipped");
      return;
    }
    try {
      await insert(catalog.definitions.get(schedule.name)!, schedule.payload, {
        tickKey: `${schedule.name}@${at}`,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** The one timer: fires due ticks, takes due runs, and sets itself again once done. */
  async function loop() {
    timer = undefined;
    const now = clock().getTime();
    for (const schedule of catalog.schedules.values()) {
      const at = nextAt.get(schedule.name)!;
      if (at > now) continue;
      nextAt.set(schedule.name, nextTick(schedule.every, now));
      await fireTick(schedule, at).catch((error: unknown) =>
        logger.error({ err: error, queue: schedule.name }, "schedule tick failed"),
      );
    }
    kick();
    await pumping;
    if (stopping) return;
    const soonest = Math.min(now + pollMs, ...nextAt.values());
    timer = setTimeout(() => void loop(), Math.max(0, soonest - clock().getTime()));
    timer.unref();
  }

  const client: InProcessJobs = {
    mode: "in-process",

    start() {
      if (started) return;
      started = true;
      const now = clock().getTime();
      for (const schedule of catalog.schedules.values()) {
        nextAt.set(schedule.name, nextTick(schedule.every, now));
      }
      void loop();
    },

    async enqueue(name, payload, enqueueOptions = {}) {
      const definition = definitionOf(catalog, name);
      const row = await insert(definition, checkPayload(definition, payload), enqueueOptions);
      kick();
      return view(row);
    },

    async overview() {
      const groups = await db.jobRun.groupBy({ by: ["queue", "state"], _count: { _all: true } });
      return {
        mode: "in-process",
        queues: [...catalog.definitions.values()].map((definition) => {
          const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<
            TJobState,
            number
          >;
          for (const group of groups) {
            if (group.queue === definition.name && group.state in counts)
              counts[group.state as TJobState] = group._count._all;
          }
          const schedule = catalog.schedules.get(definition.name);
          const next = nextAt.get(definition.name);
          return {
            name: definition.name as TJob["queue"],
            counts,
            schedule: schedule
              ? { every: schedule.every, payload: schedule.payload, nextRunAt: iso(next) }
              : null,
            attempts: definition.attempts,
            timeoutMs: definition.timeoutMs,
            concurrency: definition.concurrency,
          };
        }),
      };
    },

    async list(queue, query) {
      definitionOf(catalog, queue);
      const rows = await db.jobRun.findMany({
        where: { queue, state: query.state },
        orderBy: { id: "desc" },
        take: query.limit,
      });
      return rows.map(view);
    },

    async runNow(queue) {
      const schedule = scheduleOf(catalog, queue);
      const row = await insert(definitionOf(catalog, queue), schedule.payload);
      kick();
      return view(row);
    },

    async retry(queue, id) {
      definitionOf(catalog, queue);
      const rowId = runId(queue, id);
      const retried = await db.jobRun.updateMany({
        where: { id: rowId, queue, state: "failed" },
        data: { state: "waiting", runAt: clock(), finishedAt: null },
      });
      const row = await db.jobRun.findFirst({ where: { id: rowId, queue } });
      if (!row) throw jobNotFound(queue, id);
      if (retried.count === 0)
        throw new AppError("CONFLICT", {
          detail: `Only a failed job can be retried (${row.state})`,
        });
      kick();
      return view(row);
    },

    async remove(queue, id) {
      definitionOf(catalog, queue);
      const rowId = runId(queue, id);
      const removed = await db.jobRun.deleteMany({
        where: { id: rowId, queue, state: { not: "active" } },
      });
      if (removed.count) return;
      const row = await db.jobRun.findFirst({ where: { id: rowId, queue } });
      if (!row) throw jobNotFound(queue, id);
      throw new AppError("CONFLICT", { detail: "The job is running; remove it once it ends" });
    },

    async close({ deadlineMs = 25_000 } = {}) {
      stopping = true;
      clearTimeout(timer);
      await pumping;
      const all = [...inHand.values()].map((run) => run.promise);
      let deadline: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.allSettled(all).then(() => true),
        new Promise<false>((resolve) => {
          deadline = setTimeout(() => resolve(false), deadlineMs);
        }),
      ]);
      clearTimeout(deadline);
      if (!finished) {
        // Runs still going are handed back, their attempt not counted: the next start takes them.
        for (const [id, run] of inHand) {
          await db.jobRun.updateMany({
            where: { id, state: "active", attemptsMade: run.attempt },
            data: {
              state: "waiting",
              attemptsMade: run.attempt - 1,
              lockedUntil: null,
              startedAt: null,
            },
          });
          run.abort.abort(new Error("shutting down"));
        }
      }
      mailer.close();
    },
  };
  return client;
}

/** In-process run ids are row ids; anything else names no run. */
function runId(queue: string, id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw jobNotFound(queue, id);
  return Number(id);
}

function withTimeout<T>(promise: Promise<T>, ms: number, abort: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new JobTimeoutError(ms);
      abort.abort(error);
      reject(error);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
