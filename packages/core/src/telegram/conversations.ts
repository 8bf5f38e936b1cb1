import type { Db } from "@crm/db";

/**
 * Dialogue state per chat in the database, so any bot process (several behind a webhook load
 * balancer) continues a dialogue another one started. The state is the bot's JSON; an idle one
 * expires.
 */
export async function readConversation(db: Db, chatId: string, now = new Date()) {
  const row = await db.botConversation.findUnique({ where: { chatId } });
  if (!row) return undefined;
  if (row.expiresAt <= now) {
    await db.botConversation.deleteMany({ where: { chatId, expiresAt: { lte: now } } });
    return undefined;
  }
  try {
    return JSON.parse(row.state) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeConversation(
  db: Db,
  chatId: string,
  state: unknown,
  ttlMs: number,
  now = new Date(),
) {
  const data = { state: JSON.stringify(state), expiresAt: new Date(now.getTime() + ttlMs) };
  await db.botConversation.upsert({ where: { chatId }, create: { chatId, ...data }, update: data });
}

export async function deleteConversation(db: Db, chatId: string): Promise<boolean> {
  const { count } = await db.botConversation.deleteMany({ where: { chatId } });
  return count > 0;
}

/** Removes dialogues idle past their time (run now and then; reads ignore them anyway). */
export async function purgeConversations(db: Db, now = new Date()) {
  const { count } = await db.botConversation.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
