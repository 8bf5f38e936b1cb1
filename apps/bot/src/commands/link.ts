import { telegramLink } from "@crm/core";
import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";

/**
 * Staff: `/link CODE` (the one-time code from the profile page) makes this chat the one the
 * user's CRM notifications come to; `/unlink` stops them.
 */
export function registerLink(bot: Telegraf<BotContext>, services: BotServices) {
  bot.command("link", async (ctx) => {
    if (ctx.chat.type !== "private") return ctx.reply(ctx.t.privateOnly);
    const code = ctx.payload.trim();
    if (!code) return ctx.reply(ctx.t.linkUsage);
    const result = await telegramLink.redeemLinkCode(services.db, {
      code,
      chatId: String(ctx.chat.id),
      requestId: `telegram:${ctx.update.update_id}`,
    });
    services.logger.info({ outcome: result.outcome }, "telegram link attempt");
    if (result.outcome === "linked") return ctx.reply(ctx.t.linked(result.firstName));
    return ctx.reply(ctx.t.linkInvalid);
  });

  bot.command("unlink", async (ctx) => {
    const done = await telegramLink.unlinkChat(
      services.db,
      String(ctx.chat.id),
      `telegram:${ctx.update.update_id}`,
    );
    await ctx.reply(done ? ctx.t.unlinked : ctx.t.notLinked);
  });
}
