import path from "node:path";
import { Redis } from "ioredis";
import { setDefaultPhoneRegion } from "@crm/contracts";
import { createDb, createReader, migrate, seedDemo, seedRoles } from "@crm/db";
import { createApp } from "./app";
import { startHousekeeping } from "./jobs/housekeeping";
import { configFromEnv } from "./config";
import { parseEnv } from "./env";
import { createLogger } from "./lib/logger";

async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const config = configFromEnv(env);
  setDefaultPhoneRegion(env.PHONE_DEFAULT_REGION);
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
  const stopHousekeeping = redis ? () => undefined : startHousekeeping(db, logger);

  const app = createApp({ config, db, reader, logger, redis });
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ port }, `RealEstate CRM listening on http://localhost:${port}`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    stopHousekeeping();
    server.close(() => {
      void Promise.allSettled([db.$disconnect(), reader.close(), redis?.quit()]).then(() =>
        process.exit(0),
      );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
