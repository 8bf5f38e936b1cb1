import http from "node:http";
import path from "node:path";
import { setDefaultPhoneRegion } from "@crm/contracts";
import { demo } from "@crm/core";
import { createDb, createReader, prepareDatabase } from "@crm/db";
import { createApp, createLandingCache } from "./app";
import { configFromEnv } from "./config";
import { parseEnv } from "./env";
import { startJobs } from "./jobs/job-client";
import { createLogger } from "./lib/logger";
import { createRedis } from "./redis";

async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const config = configFromEnv(env);
  setDefaultPhoneRegion(env.PHONE_DEFAULT_REGION);
  if (!env.JWT_SECRET)
    logger.warn("JWT_SECRET is not set: using a random secret, sessions end on restart");
  config.webDistDir ??= path.resolve(__dirname, "../../web/dist");

  const db = createDb({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  // Migrations, roles and demo data under one lock: instances may start together.
  const { applied, demoSeeded } = await prepareDatabase(db, env.DATABASE_URL, {
    seedDemo:
      (env.SEED_DEMO ?? env.NODE_ENV !== "production")
        ? (target) => demo.seedDemo(target, { leads: env.DEMO_LEADS })
        : undefined,
  });
  if (applied.length) logger.info({ applied }, "migrations applied");
  if (demoSeeded) logger.info("demo data seeded");

  // Outages are logged once each by the app (RedisLink), not once per reconnect attempt.
  const redis = env.REDIS_URL ? createRedis(env.REDIS_URL) : null;

  const reader = createReader({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const replica = env.DATABASE_READ_URL
    ? createReader({ url: env.DATABASE_READ_URL, poolSize: env.DATABASE_POOL_SIZE })
    : undefined;
  if (replica) logger.info("hot reads go to the read replica (DATABASE_READ_URL)");
  // One landing cache for the pages and the in-process job that warms it.
  const landingCache = createLandingCache({ config, redis, logger });
  const jobs = startJobs(env, {
    db,
    reader,
    logger,
    landingCache,
    instagram: config.instagram?.config ?? null,
    sheets: config.sheets,
  });
  // Warm the landing pages at start (the schedule then rewarms them every 15 minutes).
  void jobs
    .enqueue("warm-landing-cache", {})
    .catch((error: unknown) =>
      logger.warn({ err: error }, "could not enqueue the landing warm-up"),
    );

  const app = createApp({ config, db, reader, replica, logger, redis, jobs, landingCache });
  const server = http.createServer(app).listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ port }, `RealEstate CRM listening on http://localhost:${port}`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    // In-process jobs in hand finish meanwhile, or go back to their table at the deadline.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    void Promise.all([closed, jobs.close({ deadlineMs: env.SHUTDOWN_TIMEOUT_MS })])
      .then(() =>
        Promise.allSettled([db.$disconnect(), reader.close(), replica?.close(), redis?.quit()]),
      )
      .then(() => process.exit(0));
    setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // One JSON line like every other log line (the environment, LOG_LEVEL included, may be what
  // failed), so log collectors see the crash with its message and stack.
  createLogger("info").error({ err: error }, "the API failed to start");
  process.exit(1);
});
