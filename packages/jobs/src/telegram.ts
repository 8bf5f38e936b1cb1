import { Telegram } from "telegraf";
import type { Logger } from "pino";
import { telegramOutbox } from "@crm/core";

/**
 * Telegram messages through telegraf's Bot API client, the library the bot uses, so a
 * self-hosted or fake Bot API server (TELEGRAM_API_ROOT) serves both. Without BOT_TOKEN there
 * is no sender: staff notifications wait as PENDING until a bot is configured.
 */
export function createTelegramSender(options: {
  token?: string;
  apiRoot?: string;
  logger: Logger;
}): telegramOutbox.TelegramSender | null {
  if (!options.token) return null;
  const telegram = new Telegram(options.token, {
    apiRoot: options.apiRoot ?? "https://api.telegram.org",
  });
  return {
    async sendMessage(chatId, text) {
      try {
        await telegram.sendMessage(chatId, text);
      } catch (error) {
        const code = (error as { response?: { error_code?: number } }).response?.error_code;
        // 400 (chat not found), 403 (blocked by the user): sending again will not help.
        const permanent = code === 400 || code === 403;
        options.logger.warn({ chatId, code, permanent }, "telegram send failed");
        throw new telegramOutbox.TelegramSendError(
          error instanceof Error ? error.message : String(error),
          permanent,
        );
      }
    },
  };
}
