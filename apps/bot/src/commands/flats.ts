import { catalog } from "@crm/core";
import { Markup, type Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { formatArea, formatMoney } from "../format";
import { BUTTONS } from "../i18n";

/** How many flats one answer lists: a chat message, not a catalogue. */
export const FLATS_PER_MESSAGE = 10;
const COMPLEXES_PER_MESSAGE = 20;
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Published complexes as a list and one button per complex. */
export async function replyComplexes(ctx: BotContext, services: BotServices, intro?: string) {
  const complexes = await catalog.listPublishedComplexes(services.db, COMPLEXES_PER_MESSAGE);
  const head = intro ? `${intro}\n\n` : "";
  if (!complexes.length) {
    await ctx.reply(`${head}${ctx.t.noComplexes}`);
    return;
  }
  const lines = complexes.map(
    (complex) => `• ${complex.name} (${complex.city}) — /flats ${complex.slug}`,
  );
  await ctx.reply(
    `${head}${ctx.t.chooseComplex}\n${lines.join("\n")}`,
    Markup.inlineKeyboard(
      complexes.map((complex) => [Markup.button.callback(complex.name, `flats#${complex.id}`)]),
    ),
  );
}

/** Up to FLATS_PER_MESSAGE free flats of a published complex, cheapest first. */
export async function replyFlats(
  ctx: BotContext,
  services: BotServices,
  complex: catalog.PublicComplexRef,
) {
  const { flats, total } = await catalog.freeFlats(services.db, complex.id, {
    take: FLATS_PER_MESSAGE,
  });
  const requestButton = Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t.requestForComplex, `request#${complex.id}`)],
  ]);
  if (!flats.length) {
    await ctx.reply(ctx.t.noFreeFlats(complex.name), requestButton);
    return;
  }
  const { t, lang } = ctx;
  const lines = flats.map(
    (flat) =>
      `• ${t.rooms(flat.rooms)}, ${formatArea(flat.area, lang)}, ${t.floor(flat.floor)}, ` +
      `${t.block(flat.block)}, ${t.flatNumber(flat.number)} — ${formatMoney(flat.price, flat.currency, lang)}`,
  );
  await ctx.reply(
    `${t.flatsHeader(complex.name, complex.city, flats.length, total)}\n\n${lines.join("\n")}`,
    requestButton,
  );
}

export async function replyFlatsBySlug(ctx: BotContext, services: BotServices, rawSlug: string) {
  const slug = rawSlug.trim().toLowerCase();
  const complex = SLUG.test(slug)
    ? await catalog.findPublishedComplex(services.db, { slug })
    : null;
  if (!complex) {
    // Unpublished complexes answer exactly like unknown ones: the bot is public.
    await replyComplexes(ctx, services, ctx.t.complexNotFound(rawSlug.trim().slice(0, 100)));
    return;
  }
  await replyFlats(ctx, services, complex);
}

export function registerFlats(bot: Telegraf<BotContext>, services: BotServices) {
  bot.command("flats", async (ctx) => {
    await services.conversations.delete(ctx.chat.id);
    const slug = ctx.payload.trim().split(/\s+/)[0] ?? "";
    if (slug) await replyFlatsBySlug(ctx, services, slug);
    else await replyComplexes(ctx, services);
  });

  bot.hears(BUTTONS.flats, async (ctx) => {
    await services.conversations.delete(ctx.chat.id);
    await replyComplexes(ctx, services);
  });

  bot.action(/^flats#(\d{1,10})$/, async (ctx) => {
    await ctx.answerCbQuery();
    const complex = await catalog.findPublishedComplex(services.db, { id: Number(ctx.match[1]) });
    if (complex) await replyFlats(ctx, services, complex);
    else await replyComplexes(ctx, services);
  });
}
