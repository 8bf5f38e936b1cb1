import { draws } from "@crm/core";
import { Markup, type Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { BUTTONS } from "../i18n";
import { contactKeyboard } from "../keyboards";

const joinKeyboard = (ctx: BotContext, drawId: number) =>
  Markup.inlineKeyboard([[Markup.button.callback(ctx.t.joinButton, `draw#${drawId}`)]]);

async function replyDrawList(ctx: BotContext, services: BotServices) {
  const list = await draws.botDraws(services.db);
  if (!list.length) return ctx.reply(ctx.t.noDraws);
  const open = list.filter((draw) => draw.status === "OPEN");
  await ctx.reply(
    `${ctx.t.draws}\n${list.map((draw) => ctx.t.drawLine(draw)).join("\n")}`,
    Markup.inlineKeyboard(
      open.map((draw) => [
        Markup.button.callback(
          `${ctx.t.joinButton}: ${draw.title}`.slice(0, 60),
          `draw#${draw.id}`,
        ),
      ]),
    ),
  );
}

/** A draw's state and everything needed to check it: commitment, entries hash, seed, winners. */
async function replyDraw(ctx: BotContext, services: BotServices, id: number) {
  const draw = (await draws.botDraws(services.db)).find((item) => item.id === id);
  if (!draw) return ctx.reply(ctx.t.drawNotFound);
  await ctx.reply(
    ctx.t.drawDetails(draw),
    draw.status === "OPEN" ? joinKeyboard(ctx, draw.id) : undefined,
  );
}

/** Enters the sender in a draw (one entry each; a second tap gets the same ticket back). */
export async function enterDraw(ctx: BotContext, services: BotServices, drawId: number) {
  if (!ctx.from || !ctx.chat) return;
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t.privateOnly);
  const result = await draws.joinDraw(services.db, {
    drawId,
    telegramUserId: String(ctx.from.id),
    chatId: String(ctx.chat.id),
    requestId: `telegram:${ctx.update.update_id}`,
  });
  switch (result.outcome) {
    case "joined":
      return ctx.reply(ctx.t.drawJoined(result.ticket, result.draw.title));
    case "already":
      return ctx.reply(ctx.t.drawAlready(result.ticket));
    case "closed":
      return ctx.reply(ctx.t.drawClosed);
    case "not-eligible":
      return ctx.reply(ctx.t.drawNotEligible);
    case "needs-phone":
      await services.conversations.set(ctx.chat.id, { step: "draw-phone", drawId });
      return ctx.reply(ctx.t.drawNeedsPhone, contactKeyboard(ctx));
    default:
      return ctx.reply(ctx.t.drawNotFound);
  }
}

export function registerDraw(bot: Telegraf<BotContext>, services: BotServices) {
  bot.command("draw", async (ctx) => {
    const arg = ctx.payload.trim();
    if (!arg) return replyDrawList(ctx, services);
    const id = /^\d{1,9}$/.test(arg) ? Number(arg) : 0;
    await replyDraw(ctx, services, id);
  });
  bot.hears(BUTTONS.draw, (ctx) => replyDrawList(ctx, services));
  bot.action(/^draw#(\d{1,9})$/, async (ctx) => {
    await ctx.answerCbQuery();
    await enterDraw(ctx, services, Number(ctx.match[1]));
  });
}
