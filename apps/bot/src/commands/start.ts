import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { GREETING } from "../i18n";
import { mainKeyboard } from "../keyboards";
import { replyFlatsBySlug } from "./flats";
import { beginRequest } from "./request";

/**
 * /start greets in Russian and Uzbek and shows the main keyboard. Deep links from landing pages
 * open a step directly: t.me/<bot>?start=request, or ?start=flats_<complex-slug>.
 */
export function registerStart(bot: Telegraf<BotContext>, services: BotServices) {
  bot.start(async (ctx) => {
    await services.conversations.delete(ctx.chat.id);
    const payload = ctx.payload.trim();
    await ctx.reply(GREETING, mainKeyboard());
    if (payload === "request") await beginRequest(ctx, services, null);
    else if (payload.startsWith("flats_"))
      await replyFlatsBySlug(ctx, services, payload.slice("flats_".length));
  });
}
