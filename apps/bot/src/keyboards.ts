import { Markup } from "telegraf";
import { BUTTONS } from "./i18n";
import type { BotContext } from "./context";

export const mainKeyboard = () =>
  Markup.keyboard([
    [BUTTONS.flats, BUTTONS.request],
    [BUTTONS.contract, BUTTONS.draw],
    [BUTTONS.help],
  ]).resize();

/** The "send my number" button: Telegram fills in the sender's own contact card. */
export const contactKeyboard = (ctx: BotContext) =>
  Markup.keyboard([[Markup.button.contactRequest(ctx.t.shareContact)], [BUTTONS.cancel]]).resize();
