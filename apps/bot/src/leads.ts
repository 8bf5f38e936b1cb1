import { catalog, leadRequests } from "@crm/core";
import type { Db } from "@crm/db";

/** A request left by a prospect in the bot. */
export interface TelegramLeadInput {
  fullName: string;
  /** Already normalised to E.164. */
  phone: string;
  /** True when the phone came from the sender's own contact card. */
  phoneVerified: boolean;
  complexId: number | null;
  /** A flat the prospect asked to see. */
  flatId: number | null;
  telegram: { chatId: number; userId: number; username?: string };
  /** Telegram update id, kept in the audit rows to trace the request. */
  updateId: number;
}

/**
 * A prospect's request from the bot becomes a lead (or a comment on the lead with that phone)
 * through the same rule every channel uses (@crm/core leadRequests).
 */
export async function receiveTelegramRequest(db: Db, input: TelegramLeadInput) {
  const username = input.telegram.username ? ` @${input.telegram.username}` : "";
  const contact = `Telegram${username} (chat ${input.telegram.chatId})`;
  const complex =
    input.complexId === null
      ? null
      : await catalog.findPublishedComplex(db, { id: input.complexId });
  const about = complex ? `, ЖК «${complex.name}»` : "";
  return leadRequests.receiveLeadRequest(db, {
    fullName: input.fullName,
    phone: input.phone,
    source: "TELEGRAM",
    complexId: input.complexId,
    flatId: input.flatId,
    contact,
    repeatNote: `Повторная заявка из Telegram: ${input.fullName}${about}, ${contact}`,
    requestId: `telegram:${input.updateId}`,
    sender: { channel: "telegram", key: String(input.telegram.userId) },
    phoneVerified: input.phoneVerified,
  });
}
