import { message } from "telegraf/filters";
import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { registerContact } from "./contact";
import { registerContract } from "./contract";
import { registerDraw } from "./draw";
import { registerFlats } from "./flats";
import { registerLink } from "./link";
import { registerHelp } from "./help";
import { registerRequest } from "./request";
import { registerStart } from "./start";

/** Order matters: commands and buttons first, then the dialogue, then the fallback. */
export function registerCommands(bot: Telegraf<BotContext>, services: BotServices) {
  registerStart(bot, services);
  registerHelp(bot, services);
  registerFlats(bot, services);
  registerContract(bot, services);
  registerDraw(bot, services);
  registerLink(bot, services);
  registerContact(bot, services);
  registerRequest(bot, services);
  bot.on(message("text"), (ctx) => ctx.reply(ctx.t.fallback));
}

/** Shown in Telegram's command menu, per language. */
export const COMMAND_MENU = {
  ru: [
    { command: "flats", description: "Свободные квартиры" },
    { command: "request", description: "Оставить заявку" },
    { command: "contract", description: "Мой договор и платежи" },
    { command: "draw", description: "Розыгрыши" },
    { command: "language", description: "Язык · Til" },
    { command: "help", description: "Помощь" },
  ],
  uz: [
    { command: "flats", description: "Bo'sh xonadonlar" },
    { command: "request", description: "Ariza qoldirish" },
    { command: "contract", description: "Shartnomam va to'lovlar" },
    { command: "draw", description: "O'yinlar" },
    { command: "language", description: "Til · Язык" },
    { command: "help", description: "Yordam" },
  ],
  en: [
    { command: "flats", description: "Available flats" },
    { command: "request", description: "Leave a request" },
    { command: "contract", description: "My contract and payments" },
    { command: "draw", description: "Prize draws" },
    { command: "language", description: "Language" },
    { command: "help", description: "Help" },
  ],
} as const;
