import type { Context } from "telegraf";
import type { Db } from "@crm/db";
import type { ConversationStore } from "./conversations";
import type { Lang, Messages } from "./i18n";
import type { Logger } from "./logger";

/** Telegraf's context plus the user's language, set by the first middleware. */
export interface BotContext extends Context {
  lang: Lang;
  t: Messages;
  /** What the bot remembers of the sender (private chats only). */
  profile?: { language: string | null; verifiedPhone: string | null };
}

/** What command handlers need, built once per bot. */
export interface BotServices {
  db: Db;
  logger: Logger;
  conversations: ConversationStore;
}
