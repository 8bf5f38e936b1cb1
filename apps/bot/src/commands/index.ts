import { message } from "telegraf/filters";
import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { registerFlats } from "./flats";
import { registerHelp } from "./help";
import { registerRequest } from "./request";
import { registerStart } from "./start";

/** Order matters: commands and buttons first, then the dialogue, then the fallback. */
export function registerCommands(bot: Telegraf<BotContext>, services: BotServices) {
  registerStart(bot, services);
  registerHelp(bot, services);
  registerFlats(bot, services);
  registerRequest(bot, services);
  bot.on(message("text"), (ctx) => ctx.reply(ctx.t.fallback));
}

/** Shown in Telegram's command menu, per language. */
export const COMMAND_MENU = {
  ru: [
    { command: "flats", description: "Свободные квартиры" },
    { command: "request", description: "Оставить заявку" },
    { command: "help", description: "Помощь" },
  ],
  uz: [
    { command: "flats", description: "Bo'sh xonadonlar" },
    { command: "request", description: "Ariza qoldirish" },
    { command: "help", description: "Yordam" },
  ],
  en: [
    { command: "flats", description: "Available flats" },
    { command: "request", description: "Leave a request" },
    { command: "help", description: "Help" },
  ],
} as const;
