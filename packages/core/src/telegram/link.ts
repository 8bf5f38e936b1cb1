import { createHash, randomInt } from "node:crypto";
import { TELEGRAM_LINK_CODE_MINUTES, type TTelegramLinkCode } from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";

/** No 0/O, 1/I/L: a code is read off a screen and typed into a phone. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

const hashCode = (code: string) => createHash("sha256").update(code, "utf8").digest("hex");
const normalise = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, "");

/**
 * A one-time code to link the user's account to Telegram: valid for a few minutes, used once,
 * and only its hash is stored. A new code replaces the user's unused ones.
 */
export async function createLinkCode(
  db: Db,
  actor: Actor,
  now = new Date(),
): Promise<TTelegramLinkCode> {
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(
    "",
  );
  const expiresAt = new Date(now.getTime() + TELEGRAM_LINK_CODE_MINUTES * 60_000);
  await db.$transaction([
    db.telegramLinkCode.deleteMany({ where: { userId: actor.id, usedAt: null } }),
    db.telegramLinkCode.create({ data: { userId: actor.id, codeHash: hashCode(code), expiresAt } }),
  ]);
  return { code, expiresAt: expiresAt.toISOString() };
}

export type RedeemOutcome =
  | { outcome: "linked"; userId: number; firstName: string }
  | { outcome: "invalid" }
  | { outcome: "inactive" };

/**
 * `/link CODE` in the bot: the code is taken by a conditional update (unused, unexpired), so
 * it links once even when sent twice at once. The chat is then this user's, and no longer
 * another user's.
 */
export async function redeemLinkCode(
  db: Db,
  input: { code: string; chatId: string; requestId: string },
  now = new Date(),
): Promise<RedeemOutcome> {
  const code = normalise(input.code);
  if (code.length !== CODE_LENGTH) return { outcome: "invalid" };
  const codeHash = hashCode(code);
  return db.$transaction(async (tx) => {
    const row = await tx.telegramLinkCode.findUnique({ where: { codeHash } });
    if (!row || row.usedAt || row.expiresAt <= now) return { outcome: "invalid" as const };
    const { count } = await tx.telegramLinkCode.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) return { outcome: "invalid" as const };
    const user = await tx.user.findUnique({
      where: { id: row.userId },
      select: { id: true, isActive: true, firstName: true },
    });
    if (!user?.isActive) return { outcome: "inactive" as const };
    const previous = await tx.user.findUnique({
      where: { telegramChatId: input.chatId },
      select: { id: true },
    });
    if (previous && previous.id !== user.id) {
      await tx.user.update({ where: { id: previous.id }, data: { telegramChatId: null } });
      await audit(
        tx,
        { id: null, requestId: input.requestId },
        {
          action: "user.telegram_unlink",
          entityId: previous.id,
          before: { telegramChatId: input.chatId },
          after: { via: "bot" },
        },
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { telegramChatId: input.chatId } });
    await audit(
      tx,
      { id: user.id, requestId: input.requestId },
      { action: "user.telegram_link", entityId: user.id, after: { telegramChatId: input.chatId } },
    );
    return { outcome: "linked" as const, userId: user.id, firstName: user.firstName };
  });
}

async function unlink(
  db: Db,
  where: { id: number } | { telegramChatId: string },
  via: "app" | "bot",
  actor: { id: number | null; requestId?: string | null },
) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where, select: { id: true, telegramChatId: true } });
    if (!user?.telegramChatId) return false;
    await tx.user.update({ where: { id: user.id }, data: { telegramChatId: null } });
    await audit(tx, actor, {
      action: "user.telegram_unlink",
      entityId: user.id,
      before: { telegramChatId: user.telegramChatId },
      after: { via },
    });
    return true;
  });
}

/** From the app's profile: the user's own link ends. */
export const unlinkTelegram = (db: Db, actor: Actor) =>
  unlink(db, { id: actor.id }, "app", { id: actor.id, requestId: actor.requestId });

/** `/unlink` in the bot: whoever this chat is linked to stops getting messages here. */
export const unlinkChat = (db: Db, chatId: string, requestId: string) =>
  unlink(db, { telegramChatId: chatId }, "bot", { id: null, requestId });

/** The staff member linked to a chat, if any. */
export async function linkedUser(db: Db, chatId: string) {
  return db.user.findUnique({
    where: { telegramChatId: chatId },
    select: { id: true, firstName: true, isActive: true },
  });
}
