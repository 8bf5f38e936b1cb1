import type {
  JobName,
  JobPayload,
  TJob,
  TJobListQuery,
  TJobMode,
  TJobsOverview,
} from "@crm/contracts";
import { AppError, type FieldError } from "@crm/core";
import type { JobDefinition } from "./definition";
import type { Schedule } from "./schedules";

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

/**
 * The one way the API starts background work, and what the Jobs page reads, whichever provider
 * runs the jobs: in-process (no Redis) or bull on Redis (workers run them).
 */
export interface JobClient {
  readonly mode: TJobMode;
  /** Adds a run; the payload is checked against the job's contract first. */
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions,
  ): Promise<TJob>;
  overview(): Promise<TJobsOverview>;
  list(queue: string, query: TJobListQuery): Promise<TJob[]>;
  /** Runs a scheduled job now, with its scheduled payload. */
  runNow(queue: string): Promise<TJob>;
  /** Runs a failed job once more. */
  retry(queue: string, id: string): Promise<TJob>;
  /** Removes a job that is not running. */
  remove(queue: string, id: string): Promise<void>;
  /** Stops; a runner lets the runs in hand finish, handing back what is still running at the deadline. */
  close(options?: { deadlineMs?: number }): Promise<void>;
}

/** The definitions and schedules a provider works with; the registry's by default. */
export interface JobCatalog {
  definitions: ReadonlyMap<string, JobDefinition>;
  schedules: ReadonlyMap<string, Schedule>;
}

export function createCatalog(
  definitions: readonly JobDefinition[],
  schedules: readonly Schedule[],
): JobCatalog {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  for (const schedule of schedules) {
    if (!byName.has(schedule.name)) throw new Error(`schedule for unknown job ${schedule.name}`);
  }
  return {
    definitions: byName,
    schedules: new Map(schedules.map((schedule) => [schedule.name, schedule])),
  };
}

export function definitionOf(catalog: JobCatalog, queue: string): JobDefinition {
  const definition = catalog.definitions.get(queue);
  if (!definition) throw new AppError("NOT_FOUND", { detail: `No job queue ${queue}` });
  return definition;
}

export function scheduleOf(catalog: JobCatalog, queue: string): Schedule {
  definitionOf(catalog, queue);
  const schedule = catalog.schedules.get(queue);
  if (!schedule)
    throw new AppError("CONFLICT", { detail: `${queue} has no schedule; it runs when enqueued` });
  return schedule;
}

/** A producer's bad payload is refused before it is stored, with every bad field. */
export function checkPayload(definition: JobDefinition, payload: unknown): unknown {
  const parsed = definition.payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
    code: issue.code,
  }));
  throw new AppError("VALIDATION_FAILED", {
    detail: `Invalid ${definition.name} payload`,
    errors,
  });
}

export const jobNotFound = (queue: string, id: string) =>
  new AppError("NOT_FOUND", { detail: `No job ${id} in ${queue}` });

export const iso = (ms: number | Date | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
