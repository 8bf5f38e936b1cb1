import { Telegraf } from "telegraf";
import type { Db } from "@crm/db";
import { registerCommands } from "./commands";
import type { BotContext, BotServices } from "./context";
import { DbConversationStore, type ConversationStore } from "./conversations";
import { langOf, messages, type Lang } from "./i18n";
import { telegramProfiles } from "@crm/core";
import type { Logger } from "./logger";

export interface BotConfig {
  token: string;
  /** Bot API root; Telegram's by default. Tests point it at a local fake. */
  apiRoot?: string;
  /** How long a half-filled request waits for the next answer. */
  conversationTtlMinutes?: number;
}

export interface BotDeps {
  db: Db;
  logger: Logger;
  /** Dialogue state; in the database by default, so several bot processes share it. */
  conversations?: ConversationStore;
}

export type Bot = Telegraf<BotContext>;

/** Builds the bot with every command; it neither polls nor listens until main.ts says so. */
export function createBot(config: BotConfig, deps: BotDeps): Bot {
  const bot = new Telegraf<BotContext>(config.token, {
    telegram: {
      apiRoot: config.apiRoot ?? "https://api.telegram.org",
      // Every call goes to the Bot API, never folded into the webhook response, where its
      // errors would be invisible.
      webhookReply: false,
    },
  });
  const services: BotServices = {
    db: deps.db,
    logger: deps.logger,
    conversations:
      deps.conversations ??
      new DbConversationStore(deps.db, {
        ttlMs: (config.conversationTtlMinutes ?? 30) * 60_000,
      }),
  };

  // The language the user chose in the bot, else their Telegram app's.
  bot.use(async (ctx, next) => {
    let chosen: Lang | null = null;
    if (ctx.from && ctx.chat?.type === "private") {
      const profile = await telegramProfiles.touchProfile(deps.db, {
        telegramUserId: String(ctx.from.id),
        chatId: String(ctx.chat.id),
      });
      ctx.profile = profile;
      chosen = profile.language === "ru" || profile.language === "uz" ? profile.language : null;
    }
    ctx.lang = chosen ?? langOf(ctx.from?.language_code);
    ctx.t = messages(ctx.lang);
    return next();
  });

  registerCommands(bot, services);

  bot.catch(async (error, ctx) => {
    deps.logger.error(
      { err: error, updateId: ctx.update.update_id, updateType: ctx.updateType },
      "update failed",
    );
    if (ctx.chat) await ctx.reply((ctx.t ?? messages("ru")).error).catch(() => undefined);
  });
  return bot;
}
