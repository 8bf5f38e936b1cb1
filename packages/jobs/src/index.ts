/**
 * Background jobs, one system for the API and the worker: the registry of jobs (each calling
 * @crm/core), the schedules, and a client with two providers — in-process (no Redis: the API
 * runs jobs and records them in the database) and bull on Redis (the API enqueues, workers run).
 */
export {
  defineJob,
  backoffDelay,
  parsePayload,
  runAttempt,
  PermanentJobError,
  InvalidJobPayloadError,
  JobTimeoutError,
  type JobBackoff,
  type JobContext,
  type JobDefinition,
  type JobDeps,
} from "./definition";
export { jobRegistry, JOBS } from "./registry";
export { SCHEDULES, nextTick, type Schedule } from "./schedules";
export type { EnqueueOptions, JobClient } from "./client";
export { createInProcessJobs, type InProcessJobs, type InProcessJobsOptions } from "./in-process";
export { createBullJobs, jobView, type BullJobsOptions } from "./bull/client";
export { startBullWorker, type BullWorker, type StartBullWorkerOptions } from "./bull/worker";
export { createQueue, type LockSettings, type QueueConnection } from "./bull/queues";
export { createMailer, type Mailer, type OutgoingEmail } from "./mailer";
export { createTelegramSender } from "./telegram";
export { defaultExportDir } from "./export-dir";
