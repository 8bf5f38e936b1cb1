import { createDb } from "@crm/db";
import { parseEnv } from "./env";
import { createLogger } from "./logger";
import { createMailer } from "./mailer";
import { startWorker } from "./worker";

async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // The API owns migrations; the worker only connects to the same database.
  const db = createDb({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, logger });
  if (!env.SMTP_URL) logger.warn("SMTP_URL is not set: emails are logged, not sent");
  const worker = await startWorker({
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    db,
    logger,
    mailer,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing running jobs");
    // A job still running when the timer fires is not lost: its lock expires and bull hands it
    // to another worker as stalled.
    setTimeout(() => process.exit(1), 30_000).unref();
    void worker
      .close()
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // One JSON error line with message and stack, like every other log line; the environment
  // (LOG_LEVEL included) may be what failed, so this logger does not depend on it.
  createLogger("info").error({ err: error }, "the worker failed to start");
  process.exit(1);
});
