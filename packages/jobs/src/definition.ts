import type { Logger } from "pino";
import type { z } from "zod";
import type { Db, SqlReader } from "@crm/db";
import type { importFlats, InstagramConfig, LandingCache, telegramOutbox } from "@crm/core";
import type { Mailer } from "./mailer";

/** What a handler may use; the same in the API (in-process) and in a worker (bull). */
export interface JobDeps {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  /** Telegram messages (the Bot API through telegraf); null when no bot is configured. */
  telegram?: telegramOutbox.TelegramSender | null;
  /** How imports reach Google Sheets (credentials from the environment; none: sheets fail). */
  sheets?: importFlats.SheetsConfig;
  /** The clock, replaceable in tests. */
  now: () => Date;
  /** Where report files are written (the API reads them from the same place); by default
   * `data/exports` under the working directory. */
  exportDir?: string;
  /** Driver-level reads the reports share with the lists (the leads list, the шахматка). */
  reader?: SqlReader;
  /** The landing pages' cache this process fills (the API's own, or the Redis one). */
  landingCache?: LandingCache;
  /** The Instagram app's settings; null or absent when not configured. */
  instagram?: InstagramConfig | null;
}

export interface JobContext {
  /** The run's id (bull job id, or the in-process run's row id); audit rows carry `job:<id>`. */
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Attempts in all: `attempt === attempts` is the last one. */
  attempts: number;
  /** Aborted when the attempt times out or its process must stop: a long handler may stop early. */
  signal: AbortSignal;
}

/** bull's backoff shape; the in-process runner computes the same delays. */
export interface JobBackoff {
  type: "exponential" | "fixed";
  /** Milliseconds: fixed waits this long; exponential waits (2^attempts − 1) × this. */
  delay: number;
}

/**
 * One job, declared once and run the same by either provider: its queue name, the payload
 * schema from the contracts, the handler (a call into @crm/core, never a rule of its own), and
 * how it is run.
 */
export interface JobDefinition<P = unknown, R = unknown> {
  name: string;
  payload: z.ZodType<P>;
  /** Attempts in all, the first included. */
  attempts: number;
  backoff: JobBackoff;
  /** An attempt running longer fails (and is retried like any failure). */
  timeoutMs: number;
  /** How many runs of this job one process takes at once. */
  concurrency: number;
  handle(payload: P, deps: JobDeps, context: JobContext): Promise<R>;
}

/** Keeps a definition's name literal and its payload type tied to its schema. */
export function defineJob<const N extends string, P, R>(
  definition: JobDefinition<P, R> & { name: N },
): JobDefinition<P, R> & { name: N } {
  return definition;
}

/** A failure that retrying cannot fix: the run fails at once, whatever attempts are left. */
export class PermanentJobError extends Error {
  override readonly name: string = "PermanentJobError";
}

/** A payload that does not match its contract (enqueued by an older or broken producer). */
export class InvalidJobPayloadError extends PermanentJobError {
  override readonly name = "InvalidJobPayloadError";
}

export class JobTimeoutError extends Error {
  override readonly name = "JobTimeoutError";
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/** Checks a payload against its job's schema; the error lists every bad field. */
export function parsePayload<P>(definition: JobDefinition<P>, data: unknown): P {
  const parsed = definition.payload.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
  );
  throw new InvalidJobPayloadError(`invalid ${definition.name} payload: ${fields.join("; ")}`);
}

/** Milliseconds to wait after the `attemptsMade`-th failed attempt, exactly as bull computes it. */
export function backoffDelay(backoff: JobBackoff, attemptsMade: number): number {
  return backoff.type === "fixed"
    ? backoff.delay
    : Math.round((Math.pow(2, attemptsMade) - 1) * backoff.delay);
}

/** Runs one attempt: payload checked first (a bad one never reaches the handler). */
export async function runAttempt<P>(
  definition: JobDefinition<P>,
  data: unknown,
  deps: JobDeps,
  context: JobContext,
): Promise<unknown> {
  const payload = parsePayload(definition, data);
  const logger = deps.logger.child({ queue: definition.name, jobId: context.jobId });
  return definition.handle(payload, { ...deps, logger }, context);
}
