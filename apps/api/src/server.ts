import path from "node:path";
import { Redis } from "ioredis";
import { createDb, createReader, migrate, seedDemo, seedRoles } from "@crm/db";
import { createApp } from "./app";
import { configFromEnv } from "./config";
import { parseEnv } from "./env";
import { startJobs } from "./jobs/job-client";
import { createLogger } from "./lib/logger";

async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const config = configFromEnv(env);
  if (!env.JWT_SECRET)
    logger.warn("JWT_SECRET is not set: using a random secret, sessions end on restart");
  config.webDistDir ??= path.resolve(__dirname, "../../web/dist");

  const { applied } = await migrate(env.DATABASE_URL);
  if (applied.length) logger.info({ applied }, "migrations applied");
  const db = createDb({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  await seedRoles(db);
  if (env.SEED_DEMO ?? env.NODE_ENV !== "production") {
    const seeded = await seedDemo(db);
    if (seeded) logger.info("demo data seeded");
  }

  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false })
    : null;
  redis?.on("error", (error) => logger.warn({ err: error }, "redis error"));

  const reader = createReader({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const jobs = startJobs(env, { db, logger });

  const app = createApp({ config, db, reader, logger, redis, jobs });
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ port }, `RealEstate CRM listening on http://localhost:${port}`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    // In-process jobs in hand finish meanwhile, or go back to their table at the deadline.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    void Promise.all([closed, jobs.close({ deadlineMs: env.SHUTDOWN_TIMEOUT_MS })])
      .then(() => Promise.allSettled([db.$disconnect(), reader.close(), redis?.quit()]))
      .then(() => process.exit(0));
    setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
