import { Prisma, type Db, type LeadSource } from "@crm/db";
import { audit, type AuditActor } from "../audit";
import { insertLead } from "./leads.service";

/** A request a prospect left through a channel (the bot, a landing page, Instagram). */
export interface LeadRequest {
  fullName: string;
  /** E.164, and the requester's own (a channel checks that before calling). */
  phone: string;
  source: LeadSource;
  complexId: number | null;
  /** How to reach the requester in the channel, kept on the lead, e.g. "Telegram @name". */
  contact: string;
  /** The comment a repeat request leaves on the existing lead. */
  repeatNote: string;
  /** Traces the audit rows to the update, form post or webhook that caused them. */
  requestId: string;
}

export type LeadRequestOutcome = "created" | "commented" | "reopened";

/**
 * One lead per phone (unique in the database). A new phone becomes a NEW lead with no owner
 * (the sales team assigns it). A known phone gets a comment on its lead instead, so the owner
 * sees the repeat request; a LOST lead is reopened as NEW — a buyer who comes back is worth a
 * call. Every write and its audit row share one transaction.
 */
export async function receiveLeadRequest(
  db: Db,
  request: LeadRequest,
): Promise<{ leadId: number; outcome: LeadRequestOutcome }> {
  try {
    return await db.$transaction((tx) => recordRequest(tx, request));
  } catch (error) {
    // Two requests with one phone raced past the lookup: the loser joins the winner's lead.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return db.$transaction((tx) => recordRequest(tx, request));
    }
    throw error;
  }
}

async function recordRequest(tx: Prisma.TransactionClient, request: LeadRequest) {
  const actor: AuditActor = { id: null, requestId: request.requestId };
  const existing = await tx.lead.findUnique({
    where: { phone: request.phone },
    select: { id: true, status: true, lostReason: true },
  });
  if (!existing) {
    const lead = await insertLead(tx, actor, {
      fullName: request.fullName,
      phone: request.phone,
      region: null,
      source: request.source,
      ownerId: null,
      complexId: request.complexId,
      apartmentId: null,
      budget: null,
      budgetCurrency: null,
      note: request.contact,
    });
    return { leadId: lead.id, outcome: "created" as const };
  }

  await tx.comment.create({
    data: { leadId: existing.id, authorId: null, body: request.repeatNote },
  });
  if (existing.status !== "LOST") return { leadId: existing.id, outcome: "commented" as const };

  await tx.lead.update({
    where: { id: existing.id },
    data: { status: "NEW", lostReason: null, statusChangedAt: new Date() },
  });
  await audit(tx, actor, {
    action: "lead.status",
    entityId: existing.id,
    before: { status: "LOST", lostReason: existing.lostReason },
    after: { status: "NEW", cause: "repeat-request" },
  });
  return { leadId: existing.id, outcome: "reopened" as const };
}
