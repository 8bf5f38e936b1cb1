import type { z } from "zod";
import type { JobName, JobPayload } from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Logger } from "../logger";
import type { Mailer } from "../mailer";

export interface JobDeps {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  /** The clock, replaceable in tests. */
  now?: () => Date;
}

export interface JobContext {
  /** Queue job id, recorded in audit rows as their request id. */
  jobId: string;
}

/** One job: its queue name, the payload schema shared with producers, and the handler. */
export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  payload: z.ZodType<JobPayload<N>>;
  /** How many jobs of this queue one worker process runs at once. */
  concurrency: number;
  handle(payload: JobPayload<N>, deps: JobDeps, context?: JobContext): Promise<unknown>;
}

/** Any one of the job definitions, keeping each name tied to its own payload type. */
export type AnyJobDefinition = { [N in JobName]: JobDefinition<N> }[JobName];
