import { telegramProfiles } from "@crm/core";
import { Markup, type Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { GREETING, LANGUAGE_BUTTONS, LANGUAGE_QUESTION, messages } from "../i18n";
import { mainKeyboard } from "../keyboards";
import { replyFlatsBySlug } from "./flats";
import { beginRequest } from "./request";

const askLanguage = (ctx: BotContext) =>
  ctx.reply(
    LANGUAGE_QUESTION,
    Markup.inlineKeyboard([
      LANGUAGE_BUTTONS.map((button) => Markup.button.callback(button.label, `lang#${button.lang}`)),
    ]),
  );

/**
 * /start asks a new user's language (Russian or Uzbek, remembered), then greets in both and
 * shows the main keyboard. Deep links from landing pages open a step directly:
 * t.me/<bot>?start=request, or ?start=flats_<complex-slug>.
 */
export function registerStart(bot: Telegraf<BotContext>, services: BotServices) {
  bot.start(async (ctx) => {
    await services.conversations.delete(ctx.chat.id);
    const payload = ctx.payload.trim();
    if (!ctx.profile?.language) await askLanguage(ctx);
    await ctx.reply(GREETING, mainKeyboard());
    if (payload === "request") await beginRequest(ctx, services, null);
    else if (payload.startsWith("flats_"))
      await replyFlatsBySlug(ctx, services, payload.slice("flats_".length));
  });

  bot.command("language", askLanguage);

  bot.action(/^lang#(ru|uz)$/, async (ctx) => {
    await ctx.answerCbQuery();
    if (!ctx.chat) return;
    const language = ctx.match[1] as "ru" | "uz";
    await telegramProfiles.updateProfile(services.db, {
      telegramUserId: String(ctx.from.id),
      chatId: String(ctx.chat.id),
      language,
    });
    await ctx.reply(messages(language).languageSaved, mainKeyboard());
  });
}
