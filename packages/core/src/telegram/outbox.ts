import type { TNotificationKind } from "@crm/contracts";
import { Prisma, type Db } from "@crm/db";
import { effectivePrefs } from "../notifications/notifications";
import { staffNotificationText } from "./texts";

type Tx = Prisma.TransactionClient;

/** Sends one message to a Telegram chat; throws TelegramSendError when Telegram refuses. */
export interface TelegramSender {
  sendMessage(chatId: string, text: string): Promise<void>;
}

/**
 * A refusal from Telegram. `permanent` when retrying cannot help (the user blocked the bot,
 * the chat is gone): the message is marked FAILED instead of tried again.
 */
export class TelegramSendError extends Error {
  override readonly name = "TelegramSendError";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Queues a message to a chat, once per key (a second call with the key changes nothing). */
export async function queueBotMessage(
  tx: Tx | Db,
  message: { chatId: string; text: string; dedupeKey: string },
): Promise<boolean> {
  const exists = await tx.botOutbox.findUnique({
    where: { dedupeKey: message.dedupeKey },
    select: { id: true },
  });
  if (exists) return false;
  await tx.botOutbox.create({ data: message });
  return true;
}

/** Same as queueBotMessage outside a transaction, where two scans may race on one key. */
export async function queueBotMessageOnce(
  db: Db,
  message: { chatId: string; text: string; dedupeKey: string },
): Promise<boolean> {
  try {
    return await queueBotMessage(db, message);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return false;
    throw error;
  }
}

/** Attempts before a message that keeps failing is given up (FAILED). */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * Delivers what waits for Telegram: staff notifications (telegramStatus PENDING) to linked
 * users who want that kind by Telegram — the rest are SKIPPED — and the bot's outbox (buyers'
 * reminders, winners). Each row is marked after its send with a conditional update, so a run
 * repeated after a crash sends nothing already marked; a failed send stays PENDING and is tried
 * by the next run, up to MAX_SEND_ATTEMPTS for the outbox.
 */
export async function dispatchTelegram(
  db: Db,
  sender: TelegramSender | null,
  options: { batch?: number; now?: Date } = {},
) {
  const batch = options.batch ?? 200;
  const now = options.now ?? new Date();
  const result = { sent: 0, skipped: 0, failed: 0 };

  const pending = await db.notification.findMany({
    where: { telegramStatus: "PENDING" },
    orderBy: { id: "asc" },
    take: batch,
    select: {
      id: true,
      kind: true,
      payload: true,
      user: {
        select: { telegramChatId: true, language: true, isActive: true, notificationPrefs: true },
      },
    },
  });
  for (const row of pending) {
    const mark = (status: "SENT" | "SKIPPED" | "FAILED") =>
      db.notification.updateMany({
        where: { id: row.id, telegramStatus: "PENDING" },
        data: { telegramStatus: status },
      });
    const { user } = row;
    const payload = parsePayload(row.payload);
    const kind = row.kind as TNotificationKind;
    const text = staffNotificationText({ kind, payload }, user.language);
    const wanted = effectivePrefs(user.notificationPrefs)[kind]?.telegram ?? false;
    if (!user.telegramChatId || !user.isActive || !text || !wanted) {
      await mark("SKIPPED");
      result.skipped += 1;
      continue;
    }
    if (!sender) continue; // no bot configured: the rows wait for one
    try {
      await sender.sendMessage(user.telegramChatId, text);
      await mark("SENT");
      result.sent += 1;
    } catch (error) {
      if (error instanceof TelegramSendError && error.permanent) {
        await mark("FAILED");
        result.failed += 1;
      } else throw error;
    }
  }

  if (!sender) return result;
  const outbox = await db.botOutbox.findMany({
    where: { status: "PENDING" },
    orderBy: { id: "asc" },
    take: batch,
  });
  let transientError: unknown = null;
  for (const message of outbox) {
    try {
      await sender.sendMessage(message.chatId, message.text);
      await db.botOutbox.updateMany({
        where: { id: message.id, status: "PENDING" },
        data: { status: "SENT", sentAt: now, attempts: { increment: 1 } },
      });
      result.sent += 1;
    } catch (error) {
      const permanent = error instanceof TelegramSendError && error.permanent;
      const giveUp = permanent || message.attempts + 1 >= MAX_SEND_ATTEMPTS;
      await db.botOutbox.updateMany({
        where: { id: message.id, status: "PENDING" },
        data: {
          attempts: { increment: 1 },
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          ...(giveUp ? { status: "FAILED" } : {}),
        },
      });
      if (giveUp) result.failed += 1;
      else transientError ??= error;
    }
  }
  // A transient failure fails the run, so the job system retries it with backoff.
  if (transientError) throw transientError;
  return result;
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
