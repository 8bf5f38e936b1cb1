import { telegramProfiles } from "@crm/core";
import type { Telegraf } from "telegraf";
import { message } from "telegraf/filters";
import type { BotContext, BotServices } from "../context";
import { mainKeyboard } from "../keyboards";
import { replyContracts } from "./contract";
import { enterDraw } from "./draw";
import { contactPhone, finishRequest } from "./request";

/**
 * A shared contact card, whatever dialogue asked for it. Telegram vouches for a contact's number
 * only when the card is the sender's own (`contact.user_id` is the sender); any other card — a
 * forwarded one, or a forged update — is refused and changes nothing. An own number is
 * remembered as the user's proven phone (buyer's page, draws for clients).
 */
export function registerContact(bot: Telegraf<BotContext>, services: BotServices) {
  bot.on(message("contact"), async (ctx, next) => {
    const conversation = await services.conversations.get(ctx.chat.id);
    if (!conversation || conversation.step === "name") return next();
    if (ctx.message.contact.user_id !== ctx.from.id) return ctx.reply(ctx.t.ownContactOnly);
    const phone = contactPhone(ctx.message.contact.phone_number);
    if (!phone) return ctx.reply(ctx.t.askPhoneAgain);
    await telegramProfiles.updateProfile(services.db, {
      telegramUserId: String(ctx.from.id),
      chatId: String(ctx.chat.id),
      verifiedPhone: phone,
    });
    if (conversation.step === "phone") return finishRequest(ctx, services, phone, true);
    await services.conversations.delete(ctx.chat.id);
    if (conversation.step === "buyer-phone") return replyContracts(ctx, services, phone);
    await ctx.reply("✅", mainKeyboard());
    await enterDraw(ctx, services, conversation.drawId);
  });
}
