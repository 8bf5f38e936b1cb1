import { Markup } from "telegraf";
import { BUTTONS } from "./i18n";

export const mainKeyboard = () =>
  Markup.keyboard([[BUTTONS.flats, BUTTONS.request], [BUTTONS.help]]).resize();
