import type { Db } from "@crm/db";

/**
 * What the bot remembers of a Telegram user: the chat, the language they chose, and the phone
 * they proved is theirs by sharing their own contact card.
 */
export async function touchProfile(db: Db, input: { telegramUserId: string; chatId: string }) {
  return db.telegramProfile.upsert({
    where: { telegramUserId: input.telegramUserId },
    create: { telegramUserId: input.telegramUserId, chatId: input.chatId },
    update: { chatId: input.chatId },
    select: { language: true, verifiedPhone: true },
  });
}

export async function findProfile(db: Db, telegramUserId: string) {
  return db.telegramProfile.findUnique({
    where: { telegramUserId },
    select: { language: true, verifiedPhone: true, chatId: true },
  });
}

/** Saves what the user chose or proved; the phone only from their own contact card (the bot checks contact.user_id). */
export async function updateProfile(
  db: Db,
  input: { telegramUserId: string; chatId: string } & (
    { language: "ru" | "uz" } | { verifiedPhone: string }
  ),
) {
  const { telegramUserId, ...data } = input;
  await db.telegramProfile.upsert({
    where: { telegramUserId },
    create: { telegramUserId, ...data },
    update: data,
  });
}
