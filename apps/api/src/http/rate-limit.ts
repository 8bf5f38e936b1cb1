import type { RequestHandler } from "express";
import {
  MemoryStore,
  rateLimit,
  type ClientRateLimitInfo,
  type Options,
  type Store,
} from "express-rate-limit";
import type { RedisLink } from "../redis";
import { sendProblem } from "./problem";

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  /** Distinguishes limiters sharing one Redis. */
  name: string;
  redis?: RedisLink | null;
  redisPrefix: string;
}

/**
 * Per-client limit. With Redis configured the counters live there, so every API instance
 * behind a load balancer enforces one shared budget; otherwise they are in this process.
 * Mount it where the routes it guards are mounted (Express matches paths case-insensitively, so
 * `/API/LEADS` is counted like `/api/leads`).
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.max,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    store: options.redis
      ? new FailoverStore(options.redis, `${options.redisPrefix}rl:${options.name}:`)
      : new MemoryStore(),
    handler: (req, res) =>
      sendProblem(req, res, "RATE_LIMITED", {
        detail: `Limit of ${options.max} requests per ${options.windowSeconds} s reached; retry later`,
      }),
  });
}

/** Fixed window in Redis: the first hit creates the key with the window as its expiry. */
const HIT_SCRIPT = `
local ttl = redis.call("PTTL", KEYS[1])
if ttl <= 0 then
  redis.call("SET", KEYS[1], 1, "PX", ARGV[1])
  return { 1, tonumber(ARGV[1]) }
end
return { redis.call("INCR", KEYS[1]), ttl }`;

/**
 * Counts in Redis while it answers and in this process while it does not. A Redis outage must
 * neither stop the API nor slow it down: no request waits for a reconnect (the client fails
 * fast, see createRedis), and the limit still holds per instance meanwhile. Once Redis is back
 * counting moves there again.
 */
class FailoverStore implements Store {
  /** Keys are shared with the other instances through Redis. */
  readonly localKeys = false;
  private readonly local = new MemoryStore();
  private windowMs = 60_000;

  constructor(
    private readonly link: RedisLink,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.local.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (this.link.isUp) {
      try {
        const [hits, ttl] = (await this.link.client.eval(
          HIT_SCRIPT,
          1,
          this.prefix + key,
          this.windowMs,
        )) as [number, number];
        this.link.commandSucceeded();
        return { totalHits: hits, resetTime: new Date(Date.now() + ttl) };
      } catch (error) {
        this.link.commandFailed(error);
      }
    }
    return this.local.increment(key);
  }

  async decrement(key: string): Promise<void> {
    if (this.link.isUp) {
      await this.link.client.decr(this.prefix + key).catch(() => undefined);
    } else {
      await this.local.decrement(key);
    }
  }

  async resetKey(key: string): Promise<void> {
    await this.local.resetKey(key);
    if (this.link.isUp) await this.link.client.del(this.prefix + key).catch(() => undefined);
  }

  shutdown(): void {
    this.local.shutdown();
  }
}
