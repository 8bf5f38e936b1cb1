import Bull from "bull";
import { jobDefaults, type JobName, type JobPayload } from "@crm/contracts";

export interface QueueConnection {
  redisUrl: string;
  /** Redis key prefix: every key of every queue starts with `<prefix>:`. */
  prefix: string;
}

export type JobQueue<N extends JobName = JobName> = Bull.Queue<JobPayload<N>>;

/**
 * One bull queue per job name. Jobs added without options get the shared defaults from the
 * contracts (5 attempts, exponential backoff, finished jobs trimmed), the same the API uses.
 */
export function createQueue<N extends JobName>(name: N, connection: QueueConnection): JobQueue<N> {
  return new Bull<JobPayload<N>>(name, connection.redisUrl, {
    prefix: connection.prefix,
    defaultJobOptions: { ...jobDefaults, backoff: { ...jobDefaults.backoff } },
  });
}
