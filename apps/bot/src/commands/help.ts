import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { BUTTONS } from "../i18n";
import { mainKeyboard } from "../keyboards";

export async function replyHelp(ctx: BotContext) {
  await ctx.reply(ctx.t.help, mainKeyboard());
}

export function registerHelp(bot: Telegraf<BotContext>, services: BotServices) {
  const help = async (ctx: BotContext) => {
    if (ctx.chat) await services.conversations.delete(ctx.chat.id);
    await replyHelp(ctx);
  };
  bot.help(help);
  bot.hears(BUTTONS.help, help);
}
