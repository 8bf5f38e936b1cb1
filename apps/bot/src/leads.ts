import { leadSearchText, Prisma, type Db } from "@crm/db";

/** A request left by a prospect in the bot. */
export interface TelegramLeadInput {
  fullName: string;
  /** Already normalised to E.164. */
  phone: string;
  complexId: number | null;
  telegram: { chatId: number; username?: string };
  /** Telegram update id, kept in the audit rows to trace the request. */
  updateId: number;
}

export type TelegramLeadOutcome = "created" | "commented" | "reopened";

/**
 * One lead per phone (unique in the database). A new phone becomes a NEW lead with source
 * TELEGRAM and no owner (the sales team assigns it). A known phone gets a comment on its lead
 * instead, so the owner sees the repeat request; a LOST lead is reopened as NEW — a buyer who
 * comes back is worth a call. Every write and its audit row share one transaction.
 */
export async function createLeadFromTelegram(
  db: Db,
  input: TelegramLeadInput,
): Promise<{ leadId: number; outcome: TelegramLeadOutcome }> {
  try {
    return await db.$transaction((tx) => recordRequest(tx, input));
  } catch (error) {
    // Two requests with one phone raced past the lookup: the loser joins the winner's lead.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return db.$transaction((tx) => recordRequest(tx, input));
    }
    throw error;
  }
}

async function recordRequest(tx: Prisma.TransactionClient, input: TelegramLeadInput) {
  const requestId = `telegram:${input.updateId}`;
  const username = input.telegram.username ? ` @${input.telegram.username}` : "";
  const contact = `Telegram${username} (chat ${input.telegram.chatId})`;
  const existing = await tx.lead.findUnique({
    where: { phone: input.phone },
    select: { id: true, status: true, lostReason: true },
  });

  if (!existing) {
    const lead = await tx.lead.create({
      data: {
        fullName: input.fullName,
        phone: input.phone,
        searchText: leadSearchText(input.fullName, input.phone),
        source: "TELEGRAM",
        status: "NEW",
        complexId: input.complexId,
        note: contact,
      },
      select: { id: true, status: true, source: true, complexId: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: null,
        requestId,
        action: "lead.create",
        entity: "Lead",
        entityId: String(lead.id),
        after: JSON.stringify({
          status: lead.status,
          ownerId: null,
          source: lead.source,
          complexId: lead.complexId,
        }),
      },
    });
    return { leadId: lead.id, outcome: "created" as const };
  }

  let complexName = "";
  if (input.complexId !== null) {
    const complex = await tx.complex.findUnique({
      where: { id: input.complexId },
      select: { name: true },
    });
    if (complex) complexName = `, ЖК «${complex.name}»`;
  }
  await tx.comment.create({
    data: {
      leadId: existing.id,
      authorId: null,
      body: `Повторная заявка из Telegram: ${input.fullName}${complexName}, ${contact}`,
    },
  });
  if (existing.status !== "LOST") return { leadId: existing.id, outcome: "commented" as const };

  await tx.lead.update({
    where: { id: existing.id },
    data: { status: "NEW", lostReason: null, statusChangedAt: new Date() },
  });
  await tx.auditLog.create({
    data: {
      actorId: null,
      requestId,
      action: "lead.status",
      entity: "Lead",
      entityId: String(existing.id),
      before: JSON.stringify({ status: "LOST", lostReason: existing.lostReason }),
      after: JSON.stringify({ status: "NEW", reason: "repeat request from Telegram" }),
    },
  });
  return { leadId: existing.id, outcome: "reopened" as const };
}
