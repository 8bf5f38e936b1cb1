import type { RequestHandler } from "express";
import type { SqlReader } from "@crm/db";
import type { RedisLink } from "../redis";

/**
 * Read-replica routing (decision 011). With a replica configured, the hot reads a request makes
 * through `req.reads` (lead list and count, the шахматка, statistics, finance summaries, public
 * pages) go to the replica, and everything else stays on the primary:
 *  - every write (any method but GET/HEAD/OPTIONS) is handled on the primary;
 *  - a user who wrote within `readAfterWriteMs` reads from the primary too, so a lead they just
 *    created or a flat they just booked is in the list they reload (read your own write). The
 *    mark is kept in Redis when it answers, so every API instance honours it; otherwise per
 *    instance (a load balancer with sticky sessions, or one instance, is then needed for it);
 *  - the session lookup behind authentication always reads the primary (a logout or a
 *    deactivation must take effect at once).
 * The replica may lag the primary by up to `readAfterWriteMs` for the writer; for everyone else
 * the lists are as fresh as the replica.
 */
export interface ReadRoutingOptions {
  primary: SqlReader;
  replica?: SqlReader;
  readAfterWriteMs: number;
  redis: RedisLink | null;
  redisPrefix: string;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function readRouting(options: ReadRoutingOptions): RequestHandler {
  const { primary, replica, readAfterWriteMs, redis, redisPrefix } = options;
  if (!replica) {
    return (req, _res, next) => {
      req.reads = primary;
      next();
    };
  }
  const localMarks = new Map<number, number>();
  const key = (userId: number) => `${redisPrefix}wrote:${userId}`;

  const mark = (userId: number) => {
    const until = Date.now() + readAfterWriteMs;
    localMarks.set(userId, until);
    if (localMarks.size > 10_000) {
      const now = Date.now();
      for (const [id, time] of localMarks) if (time <= now) localMarks.delete(id);
    }
    if (redis?.isUp) {
      redis.client.set(key(userId), "1", "PX", readAfterWriteMs).then(
        () => redis.commandSucceeded(),
        (error: unknown) => redis.commandFailed(error),
      );
    }
  };

  const wroteRecently = async (userId: number): Promise<boolean> => {
    if ((localMarks.get(userId) ?? 0) > Date.now()) return true;
    if (!redis) return false;
    // Redis away: the primary answers, which is always correct, only busier.
    if (!redis.isUp) return true;
    try {
      const found = await redis.client.exists(key(userId));
      redis.commandSucceeded();
      return found === 1;
    } catch (error) {
      redis.commandFailed(error);
      return true;
    }
  };

  return (req, _res, next) => {
    const userId = req.user?.id;
    if (!READ_METHODS.has(req.method)) {
      if (userId !== undefined) mark(userId);
      req.reads = primary;
      return next();
    }
    if (userId === undefined) {
      req.reads = replica;
      return next();
    }
    wroteRecently(userId).then(
      (recent) => {
        req.reads = recent ? primary : replica;
        next();
      },
      () => {
        req.reads = primary;
        next();
      },
    );
  };
}
