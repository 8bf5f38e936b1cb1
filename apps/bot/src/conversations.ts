import { botConversations } from "@crm/core";
import type { Db } from "@crm/db";

/**
 * Where a chat is in a dialogue: leaving a request (or asking to see a flat), or sharing the
 * phone for the buyer's page or a draw for clients.
 */
export type Conversation =
  | { step: "name"; complexId: number | null; flatId?: number | null }
  | { step: "phone"; complexId: number | null; flatId?: number | null; fullName: string }
  | { step: "buyer-phone" }
  | { step: "draw-phone"; drawId: number };

/** Async so a shared store (database, Redis) can replace the in-memory one without changes. */
export interface ConversationStore {
  get(chatId: number): Promise<Conversation | undefined>;
  set(chatId: number, conversation: Conversation): Promise<void>;
  delete(chatId: number): Promise<boolean>;
}

/**
 * Dialogue state in the database (@crm/core botConversations): any bot process continues a
 * dialogue another started, which several webhook processes behind a load balancer need. The
 * default store.
 */
export class DbConversationStore implements ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly options: { ttlMs: number },
  ) {}

  async get(chatId: number) {
    return (await botConversations.readConversation(this.db, String(chatId))) as
      Conversation | undefined;
  }

  async set(chatId: number, conversation: Conversation) {
    await botConversations.writeConversation(
      this.db,
      String(chatId),
      conversation,
      this.options.ttlMs,
    );
  }

  async delete(chatId: number) {
    return botConversations.deleteConversation(this.db, String(chatId));
  }
}

/**
 * Per-chat dialogue state kept in this process's memory (tests, a single polling process), with an idle timeout and a size cap.
 * Limits, accepted for now: a restart forgets half-filled requests (the user starts /request
 * again), and it is correct only while one bot process receives a chat's updates — true in
 * polling mode, where Telegram allows a single consumer, and for one webhook instance. Several
 * webhook instances behind a load balancer need a shared store.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<number, { conversation: Conversation; expiresAt: number }>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries?: number; now?: () => number },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async get(chatId: number) {
    const entry = this.entries.get(chatId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(chatId);
      return undefined;
    }
    return entry.conversation;
  }

  async set(chatId: number, conversation: Conversation) {
    // Re-inserting moves the chat to the end, so the map stays ordered by last activity.
    this.entries.delete(chatId);
    this.entries.set(chatId, { conversation, expiresAt: this.now() + this.options.ttlMs });
    const max = this.options.maxEntries ?? 10_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  async delete(chatId: number) {
    return this.entries.delete(chatId);
  }
}
