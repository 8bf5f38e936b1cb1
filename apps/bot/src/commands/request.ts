import { isPlainText, normalizePhone } from "@crm/contracts";
import { catalog } from "@crm/core";
import { Markup, type Telegraf } from "telegraf";
import { message } from "telegraf/filters";
import type { BotContext, BotServices } from "../context";
import { BUTTONS } from "../i18n";
import { contactKeyboard, mainKeyboard } from "../keyboards";
import { receiveTelegramRequest } from "../leads";

const MIN_NAME = 2;
const MAX_NAME = 100;

function cleanName(text: string): string | null {
  const name = text.replace(/\s+/g, " ").trim();
  if (name.length < MIN_NAME || name.length > MAX_NAME) return null;
  if (name.startsWith("/") || !/\p{L}/u.test(name) || !isPlainText(name)) return null;
  return name;
}

/** Telegram sends a shared contact's number in international form, often without the "+". */
export function contactPhone(raw: string): string | null {
  const number = raw.trim();
  return normalizePhone(number.startsWith("+") ? number : `+${number}`);
}

/** Starts the "leave a request" dialogue: name first, then phone. */
export async function beginRequest(
  ctx: BotContext,
  services: BotServices,
  complexId: number | null,
  flatId: number | null = null,
) {
  if (!ctx.chat) return;
  if (ctx.chat.type !== "private") {
    await ctx.reply(ctx.t.privateOnly);
    return;
  }
  await services.conversations.set(ctx.chat.id, { step: "name", complexId, flatId });
  const suggested = cleanName(
    [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(" "),
  );
  const rows = suggested ? [[suggested], [BUTTONS.cancel]] : [[BUTTONS.cancel]];
  await ctx.reply(ctx.t.askName, Markup.keyboard(rows).resize().oneTime());
}

async function askPhone(ctx: BotContext, fullName: string) {
  await ctx.reply(ctx.t.askPhone(fullName), contactKeyboard(ctx));
}

export async function finishRequest(
  ctx: BotContext,
  services: BotServices,
  phone: string,
  phoneVerified: boolean,
) {
  const chatId = ctx.chat!.id;
  const conversation = await services.conversations.get(chatId);
  if (conversation?.step !== "phone" || !ctx.from) return;
  const result = await receiveTelegramRequest(services.db, {
    fullName: conversation.fullName,
    phone,
    phoneVerified,
    complexId: conversation.complexId,
    flatId: conversation.flatId ?? null,
    telegram: { chatId, userId: ctx.from.id, username: ctx.from.username },
    updateId: ctx.update.update_id,
  });
  await services.conversations.delete(chatId);
  services.logger.info(
    { leadId: result.leadId, outcome: result.outcome },
    "telegram request received",
  );
  if (result.outcome === "limited") {
    await ctx.reply(ctx.t.tooManyRequests, mainKeyboard());
    return;
  }
  // The same answer whether the phone was known or not: the bot must not reveal who is a client.
  await ctx.reply(ctx.t.requestDone(conversation.fullName), mainKeyboard());
}

export function registerRequest(bot: Telegraf<BotContext>, services: BotServices) {
  bot.command("request", (ctx) => beginRequest(ctx, services, null));
  bot.hears(BUTTONS.request, (ctx) => beginRequest(ctx, services, null));
  bot.action(/^request#(\d{1,10})$/, async (ctx) => {
    await ctx.answerCbQuery();
    const complex = await catalog.findPublishedComplex(services.db, { id: Number(ctx.match[1]) });
    await beginRequest(ctx, services, complex?.id ?? null);
  });

  const cancel = async (ctx: BotContext) => {
    const had = ctx.chat ? await services.conversations.delete(ctx.chat.id) : false;
    await ctx.reply(had ? ctx.t.requestCancelled : ctx.t.nothingToCancel, mainKeyboard());
  };
  bot.command("cancel", cancel);
  bot.hears(BUTTONS.cancel, cancel);

  bot.on(message("text"), async (ctx, next) => {
    const conversation = await services.conversations.get(ctx.chat.id);
    if (!conversation) return next();
    // These steps take only the sender's own contact card, never a typed number.
    if (conversation.step === "buyer-phone" || conversation.step === "draw-phone")
      return ctx.reply(ctx.t.askContact, contactKeyboard(ctx));
    if (conversation.step === "name") {
      const fullName = cleanName(ctx.message.text);
      if (!fullName) return ctx.reply(ctx.t.askNameAgain);
      await services.conversations.set(ctx.chat.id, { ...conversation, step: "phone", fullName });
      return askPhone(ctx, fullName);
    }
    const phone = normalizePhone(ctx.message.text);
    if (!phone) return ctx.reply(ctx.t.askPhoneAgain);
    await finishRequest(ctx, services, phone, false);
  });
}
