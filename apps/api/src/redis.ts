import { Redis } from "ioredis";
import type { Logger } from "./lib/logger";

/**
 * The API's Redis client. Redis only holds shared rate-limit counters here, so a request must
 * never wait for it: with the offline queue off a command fails at once while the connection is
 * down (instead of queueing until it returns), a command to a server that stopped answering
 * gives up after commandTimeout, and the client keeps reconnecting in the background.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** How long commands are not even tried after one failed on a connection that looked fine. */
const SUSPEND_MS = 1_000;

/**
 * Whether Redis can be used right now, for the rate limiters and the readiness probe, and the
 * one log line per outage: a warning when it goes away, an info when it is back.
 */
export class RedisLink {
  private reportedDown = false;
  private suspendedUntil = 0;

  constructor(
    readonly client: Redis,
    private readonly logger: Logger,
  ) {
    client.on("ready", () => this.markUp());
    // "reconnecting" follows every lost connection except a deliberate quit().
    client.on("reconnecting", () => this.markDown());
    // Also stops ioredis printing unhandled connection errors, one per reconnect attempt.
    client.on("error", (error: Error) => this.markDown(error));
  }

  /** True when a command may be sent; false means: count locally, answer without waiting. */
  get isUp(): boolean {
    return this.client.status === "ready" && Date.now() >= this.suspendedUntil;
  }

  /** A command failed although the connection looked up (timeout, server error). */
  commandFailed(error: unknown): void {
    this.suspendedUntil = Date.now() + SUSPEND_MS;
    this.markDown(error);
  }

  /** A command went through: ends an outage that only failed commands had shown. */
  commandSucceeded(): void {
    if (this.reportedDown && this.client.status === "ready") this.markUp();
  }

  /** For /readyz: a round trip when the connection is up, else "down" without waiting. */
  async check(): Promise<"ok" | "down"> {
    if (!this.isUp) return "down";
    try {
      await this.client.ping();
      this.commandSucceeded();
      return "ok";
    } catch (error) {
      this.commandFailed(error);
      return "down";
    }
  }

  private markDown(error?: unknown): void {
    if (this.reportedDown) return;
    this.reportedDown = true;
    this.logger.warn(
      { err: error },
      "Redis is unreachable: rate limits are counted per API instance until it is back",
    );
  }

  private markUp(): void {
    this.suspendedUntil = 0;
    if (!this.reportedDown) return;
    this.reportedDown = false;
    this.logger.info("Redis is reachable again: rate limits are shared through it again");
  }
}
