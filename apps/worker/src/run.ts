import { Redis } from "ioredis";
import { importFlats, instagramConfigFromEnv, LandingCache, redisLandingStore } from "@crm/core";
import { createDb, createReader } from "@crm/db";
import {
  createMailer,
  createTelegramSender,
  startBullWorker,
  type JobDefinition,
  type Schedule,
} from "@crm/jobs";
import type { WorkerEnv } from "./env";
import { createLogger } from "./logger";

/** The API's prefix for shared state in Redis (AppConfig.redisPrefix). */
const LANDING_REDIS_PREFIX = "crm:";

/**
 * The worker process: connects, runs every job of the registry and registers the schedules,
 * and on SIGTERM/SIGINT stops taking jobs, lets the ones in hand finish until
 * SHUTDOWN_TIMEOUT_MS, hands back the rest and exits. `extra` lets a test run the same process
 * with a job of its own.
 */
export async function runWorker(
  env: WorkerEnv,
  extra: { definitions?: readonly JobDefinition[]; schedules?: readonly Schedule[] } = {},
) {
  const logger = createLogger(env.LOG_LEVEL);
  // The API owns migrations; the worker only connects to the same database.
  const db = createDb({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const reader = createReader({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, logger });
  if (!env.SMTP_URL) logger.warn("SMTP_URL is not set: emails are logged, not sent");
  // The landing pages' cache lives in Redis, shared with the API: the worker warms it, and the
  // flats its jobs change (expired holds) are invalidated there like the API's own changes.
  const cacheRedis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  cacheRedis.on("error", () => {});
  const landingCache = new LandingCache(
    redisLandingStore(cacheRedis, LANDING_REDIS_PREFIX, (error) =>
      logger.warn({ err: error }, "landing cache: Redis command failed"),
    ),
  );
  landingCache.listen();
  const worker = await startBullWorker({
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    db,
    logger,
    mailer,
    telegram: createTelegramSender({
      token: env.BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      logger,
    }),
    reader,
    exportDir: env.EXPORT_DIR,
    landingCache,
    // The OAuth state is signed by the API only; the worker just refreshes the token.
    instagram: instagramConfigFromEnv(env, "").config,
    sheets: importFlats.sheetsConfigFromEnv(env),
    locks: { lockDuration: env.JOB_LOCK_DURATION_MS, stalledInterval: env.JOB_STALLED_INTERVAL_MS },
    ...extra,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing running jobs");
    void worker
      .close({ deadlineMs: env.SHUTDOWN_TIMEOUT_MS })
      .then(async ({ handedBack }) => {
        await db.$disconnect();
        await reader.close();
        cacheRedis.disconnect();
        logger.info({ handedBack }, "stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  return worker;
}
