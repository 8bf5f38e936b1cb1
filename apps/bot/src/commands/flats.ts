import { catalog } from "@crm/core";
import { Markup, type Telegraf } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import type { BotContext, BotServices } from "../context";
import { formatArea, formatMoney } from "../format";
import { BUTTONS } from "../i18n";
import { beginRequest } from "./request";

/** How many flats one answer lists: a chat message, not a catalogue. */
export const FLATS_PER_MESSAGE = 10;
const COMPLEXES_PER_MESSAGE = 20;
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Filters carried in callback data: `f#<complex>#<rooms|x>#<price ceiling in minor units|x>`. */
interface Filters {
  rooms?: number;
  priceMax?: number;
}
const filterData = (complexId: number, filters: Filters) =>
  `f#${complexId}#${filters.rooms ?? "x"}#${filters.priceMax ?? "x"}`;

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

/**
 * Up to FLATS_PER_MESSAGE free flats of a published complex, cheapest first, with a viewing
 * button per flat and filter buttons (rooms, price ceilings) under them.
 */
export async function replyFlats(
  ctx: BotContext,
  services: BotServices,
  complex: catalog.PublicComplexRef,
  filters: Filters = {},
) {
  const [{ flats, total }, choices] = await Promise.all([
    catalog.freeFlats(services.db, complex.id, { take: FLATS_PER_MESSAGE, ...filters }),
    catalog.freeFlatChoices(services.db, complex.id),
  ]);
  const requestRow = [Markup.button.callback(ctx.t.requestForComplex, `request#${complex.id}`)];
  const { t, lang } = ctx;
  const mark = (active: boolean, label: string) => (active ? `✅ ${label}` : label);
  const filterRows: InlineKeyboardButton[][] = [];
  if (choices.rooms.length > 1) {
    filterRows.push([
      Markup.button.callback(
        mark(filters.rooms === undefined, t.filterAnyRooms),
        filterData(complex.id, { ...filters, rooms: undefined }),
      ),
      ...choices.rooms.map((rooms) =>
        Markup.button.callback(
          mark(filters.rooms === rooms, rooms === 0 ? t.rooms(0) : String(rooms)),
          filterData(complex.id, { ...filters, rooms }),
        ),
      ),
    ]);
  }
  if (choices.priceCeilings.length) {
    const currency = flats[0]?.currency ?? complex.currency;
    filterRows.push([
      Markup.button.callback(
        mark(filters.priceMax === undefined, t.filterAnyRooms),
        filterData(complex.id, { ...filters, priceMax: undefined }),
      ),
      ...choices.priceCeilings.map((ceiling) =>
        Markup.button.callback(
          mark(
            filters.priceMax === Number(ceiling),
            t.filterUpTo(formatMoney(ceiling, currency, lang)),
          ),
          filterData(complex.id, { ...filters, priceMax: Number(ceiling) }),
        ),
      ),
    ]);
  }
  if (!flats.length) {
    await ctx.reply(
      ctx.t.noFreeFlats(complex.name),
      Markup.inlineKeyboard([...filterRows, requestRow]),
    );
    return;
  }
  const lines = flats.map(
    (flat) =>
      `• ${t.rooms(flat.rooms)}, ${formatArea(flat.area, lang)}, ${t.floor(flat.floor)}, ` +
      `${t.block(flat.block)}, ${t.flatNumber(flat.number)} — ${formatMoney(flat.price, flat.currency, lang)}`,
  );
  const viewRows = flats.map((flat) => [
    Markup.button.callback(t.viewButton(flat.number), `view#${flat.id}`),
  ]);
  await ctx.reply(
    `${t.flatsHeader(complex.name, complex.city, flats.length, total)}\n\n${lines.join("\n")}` +
      (filterRows.length ? `\n\n${t.filtersHint}` : ""),
    Markup.inlineKeyboard([...viewRows, ...filterRows, requestRow]),
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

  bot.action(/^f#(\d{1,10})#(\d{1,2}|x)#(\d{1,15}|x)$/, async (ctx) => {
    await ctx.answerCbQuery();
    const complex = await catalog.findPublishedComplex(services.db, { id: Number(ctx.match[1]) });
    if (!complex) return replyComplexes(ctx, services);
    const [, , rooms, price] = ctx.match;
    await replyFlats(ctx, services, complex, {
      rooms: rooms === "x" ? undefined : Number(rooms),
      priceMax: price === "x" ? undefined : Number(price),
    });
  });

  // A viewing of one flat: the request dialogue, with the flat kept on the lead.
  bot.action(/^view#(\d{1,10})$/, async (ctx) => {
    await ctx.answerCbQuery();
    const flat = await catalog.findFreeFlat(services.db, Number(ctx.match[1]));
    if (!flat) return ctx.reply(ctx.t.viewingUnavailable);
    await ctx.reply(ctx.t.viewingFor(flat.number, flat.complex.name));
    await beginRequest(ctx, services, flat.complexId, flat.id);
  });
}
