import { setDefaultPhoneRegion } from "@crm/contracts";
import { createDb } from "@crm/db";
import { createBot } from "./bot";
import { COMMAND_MENU } from "./commands";
import { parseEnv } from "./env";
import { createLogger } from "./logger";
import { createWebhookServer } from "./webhook";

async function main() {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  setDefaultPhoneRegion(env.PHONE_DEFAULT_REGION);
  // The API owns migrations; the bot only connects to the same database.
  const db = createDb({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
  const bot = createBot(
    {
      token: env.BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      conversationTtlMinutes: env.CONVERSATION_TTL_MINUTES,
    },
    { db, logger },
  );
  bot.botInfo = await bot.telegram.getMe();
  for (const [language, commands] of Object.entries(COMMAND_MENU)) {
    await bot.telegram
      .setMyCommands([...commands], language === "ru" ? {} : { language_code: language })
      .catch((error: unknown) => logger.warn({ err: error, language }, "setMyCommands failed"));
  }

  let stop: () => Promise<void>;
  if (env.BOT_MODE === "webhook") {
    const secret = env.WEBHOOK_SECRET_PATH!;
    const server = createWebhookServer(bot, { secretPath: secret, logger });
    await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
    const url = new URL(`/webhook/${secret}`, env.WEBHOOK_URL).toString();
    await bot.telegram.setWebhook(url, { secret_token: secret, drop_pending_updates: false });
    logger.info({ username: bot.botInfo.username, port: env.PORT }, "bot started (webhook)");
    stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  } else {
    // launch() resolves only when polling stops, so it is not awaited.
    bot
      .launch({ dropPendingUpdates: false }, () =>
        logger.info({ username: bot.botInfo?.username }, "bot started (polling)"),
      )
      .catch((error: unknown) => {
        logger.fatal({ err: error }, "polling stopped");
        process.exit(1);
      });
    stop = async () => bot.stop();
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(1), 10_000).unref();
    void stop()
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // One JSON error line with message and stack, like every other log line; the environment
  // (LOG_LEVEL included) may be what failed, so this logger does not depend on it.
  createLogger("info").error({ err: error }, "the bot failed to start");
  process.exit(1);
});
