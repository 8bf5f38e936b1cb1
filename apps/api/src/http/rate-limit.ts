import type { RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Redis } from "ioredis";
import { sendProblem } from "./problem";

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  /** Distinguishes limiters sharing one Redis. */
  name: string;
  redis?: Redis | null;
  redisPrefix: string;
}

/**
 * Per-client limit. With Redis configured the counters live there, so every API instance
 * behind a load balancer enforces one shared budget; otherwise they are in this process.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  let store: Store | undefined;
  if (options.redis) {
    const redis = options.redis;
    store = new RedisStore({
      prefix: `${options.redisPrefix}rl:${options.name}:`,
      sendCommand: (command: string, ...args: string[]) =>
        redis.call(command, ...args) as Promise<RedisReply>,
    });
  }
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.max,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    store,
    // A Redis outage must not take the API down with it: count nothing rather than fail.
    passOnStoreError: true,
    // The budget is for the API: health probes, the SPA's static files and media are not
    // counted (an office behind one NAT address loads them on every page view).
    skip: (req) => !/^\/(api|webhook)(\/|$)/.test(req.path),
    handler: (req, res) =>
      sendProblem(req, res, "RATE_LIMITED", {
        detail: `Limit of ${options.max} requests per ${options.windowSeconds} s reached; retry later`,
      }),
  });
}
