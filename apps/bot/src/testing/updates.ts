import type { Update } from "telegraf/types";

/** Updates as Telegram sends them, for tests: each with a new update id. */
let updateId = 0;

export interface From {
  language_code?: string;
  first_name?: string;
  username?: string;
}

export function textUpdate(chatId: number, text: string, from: From = {}): Update {
  updateId += 1;
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: from.first_name ?? "Aziz" },
      from: {
        id: chatId,
        is_bot: false,
        first_name: from.first_name ?? "Aziz",
        language_code: from.language_code ?? "ru",
        username: from.username,
      },
      text,
      ...(command
        ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }
        : {}),
    },
  } as Update;
}

export function contactUpdate(chatId: number, phone: string): Update {
  updateId += 1;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Aziz" },
      from: { id: chatId, is_bot: false, first_name: "Aziz", language_code: "ru" },
      contact: { phone_number: phone, first_name: "Aziz", user_id: chatId },
    },
  } as Update;
}

export function callbackUpdate(chatId: number, data: string): Update {
  updateId += 1;
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: chatId, is_bot: false, first_name: "Aziz", language_code: "ru" },
      chat_instance: "1",
      data,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: "Aziz" },
        text: "…",
      },
    },
  } as Update;
}
