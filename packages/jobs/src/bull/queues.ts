import Bull from "bull";
import { jobDefaults } from "@crm/contracts";
import type { JobDefinition } from "../definition";

export interface QueueConnection {
  redisUrl: string;
  /** Redis key prefix: every key of every queue starts with `<prefix>:`. */
  prefix: string;
}

/**
 * How a worker holds its jobs. A worker renews its lock every `lockDuration / 2`; a job whose
 * lock has lapsed (its worker was killed) is put back in the queue by the next stalled check of
 * any worker, within `lockDuration + 2 × stalledInterval`. bull's defaults (30 s each) suit
 * production; tests shorten them.
 */
export interface LockSettings {
  lockDuration?: number;
  stalledInterval?: number;
  /** Times a job may be recovered from a dead worker before it fails. */
  maxStalledCount?: number;
}

/**
 * One bull queue per job. Every add — by the API, by a schedule, by a retry — gets the job's own
 * attempts, backoff and timeout from its definition, and finished jobs are trimmed to the newest
 * (failed ones kept longer, for the Jobs page).
 */
export function createQueue(
  definition: JobDefinition,
  connection: QueueConnection,
  settings: LockSettings = {},
): Bull.Queue {
  return new Bull(definition.name, connection.redisUrl, {
    prefix: connection.prefix,
    settings: Object.fromEntries(
      Object.entries(settings).filter(([, value]) => value !== undefined),
    ) as Bull.AdvancedSettings,
    defaultJobOptions: {
      attempts: definition.attempts,
      backoff: { ...definition.backoff },
      timeout: definition.timeoutMs,
      removeOnComplete: jobDefaults.removeOnComplete,
      removeOnFail: jobDefaults.removeOnFail,
    },
  });
}
