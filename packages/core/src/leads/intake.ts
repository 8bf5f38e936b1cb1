import { Prisma, type Db, type LeadSource } from "@crm/db";
import { audit, type AuditActor } from "../audit";
import { findFreeFlat } from "../catalog/catalog";
import { notify } from "../notifications/notifications";
import { readSettings } from "../settings/settings";
import { nextAssignee } from "./assignment";
import { refreshLeadActivity, statusChange } from "./lead-activity";
import { insertLead } from "./leads.service";

/** A request a prospect left through a channel (the bot, a landing page, Instagram). */
export interface LeadRequest {
  fullName: string;
  /** E.164, and the requester's own (a channel checks that before calling). */
  phone: string;
  source: LeadSource;
  complexId: number | null;
  /**
   * A flat the prospect asked to see: kept as the lead's flat of interest, and its seller gets a
   * call-back to arrange the viewing. Ignored unless the flat is FREE in a published complex.
   */
  flatId?: number | null;
  /** How to reach the requester in the channel, kept on the lead, e.g. "Telegram @name". */
  contact: string;
  /** The comment a repeat request leaves on the existing lead. */
  repeatNote: string;
  /** Traces the audit rows to the update, form post or webhook that caused them. */
  requestId: string;
  /**
   * Who sent it, as the channel knows them (a Telegram user id, a client address), for the
   * per-sender limit.
   */
  sender: { channel: "telegram" | "landing" | "instagram"; key: string };
  /**
   * Whether the phone is proven to be the sender's own (a contact Telegram vouches for). An
   * unproven phone may start a new lead but never touches an existing one: anyone can type
   * anyone's number.
   */
  phoneVerified: boolean;
}

export type LeadRequestOutcome = "created" | "commented" | "reopened" | "unverified" | "limited";

const DAY = 86_400_000;

/** How soon the seller is asked to call back about a viewing. */
export const VIEWING_CALLBACK_DELAY_MS = 15 * 60_000;

/**
 * One lead per phone (unique in the database). A new phone becomes a NEW lead dealt to the next
 * available seller (round-robin, see assignment.ts; unassigned when nobody is available). A known phone gets a comment on its lead instead, so the owner
 * sees the repeat request; a LOST lead is reopened as NEW — a buyer who comes back is worth a
 * call. Every write and its audit row share one transaction.
 */
export async function receiveLeadRequest(
  db: Db,
  request: LeadRequest,
  now = new Date(),
): Promise<{ leadId: number | null; outcome: LeadRequestOutcome }> {
  const limit = (await readSettings(db, ["channels.requestsPerSenderPerDay"]))[
    "channels.requestsPerSenderPerDay"
  ];
  const recent = await db.channelRequest.count({
    where: {
      channel: request.sender.channel,
      sender: request.sender.key,
      createdAt: { gt: new Date(now.getTime() - DAY) },
    },
  });
  if (recent >= limit) return { leadId: null, outcome: "limited" };
  await db.channelRequest.create({
    data: { channel: request.sender.channel, sender: request.sender.key, createdAt: now },
  });
  try {
    return await db.$transaction((tx) => recordRequest(tx, request, now));
  } catch (error) {
    // Two requests with one phone raced past the lookup: the loser joins the winner's lead.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return db.$transaction((tx) => recordRequest(tx, request, now));
    }
    throw error;
  }
}

type Tx = Prisma.TransactionClient;

async function scheduleViewingCall(
  tx: Tx,
  lead: { id: number; ownerId: number | null },
  flat: { number: string; complex: { name: string } },
  request: LeadRequest,
  now: Date,
) {
  if (lead.ownerId === null) return;
  await tx.callback.create({
    data: {
      leadId: lead.id,
      userId: lead.ownerId,
      dueAt: new Date(now.getTime() + VIEWING_CALLBACK_DELAY_MS),
      note: `Просмотр квартиры № ${flat.number}, ЖК «${flat.complex.name}» (${request.contact})`,
    },
  });
  await refreshLeadActivity(tx, lead.id);
}

async function recordRequest(tx: Tx, request: LeadRequest, now: Date) {
  const actor: AuditActor = { id: null, requestId: request.requestId };
  const existing = await tx.lead.findUnique({
    where: { phone: request.phone },
    select: {
      id: true,
      status: true,
      lostReason: true,
      archivedAt: true,
      version: true,
      ownerId: true,
    },
  });
  if (existing && !request.phoneVerified) return { leadId: null, outcome: "unverified" as const };
  const flat = request.flatId ? await findFreeFlat(tx, request.flatId) : null;
  if (!existing) {
    const ownerId = await nextAssignee(tx, now);
    const lead = await insertLead(tx, actor, {
      fullName: request.fullName,
      phone: request.phone,
      region: null,
      source: request.source,
      ownerId,
      complexId: flat?.complexId ?? request.complexId,
      apartmentId: flat?.id ?? null,
      budget: null,
      budgetCurrency: null,
      note: request.contact,
    });
    if (ownerId !== null) {
      await notify(tx, {
        kind: "lead.assigned",
        userIds: [ownerId],
        payload: { leadId: lead.id, leadName: lead.fullName },
        entity: "Lead",
        entityId: lead.id,
      });
    }
    if (flat) await scheduleViewingCall(tx, { id: lead.id, ownerId }, flat, request, now);
    return { leadId: lead.id, outcome: "created" as const };
  }

  await tx.comment.create({
    data: { leadId: existing.id, authorId: null, body: request.repeatNote },
  });
  await refreshLeadActivity(tx, existing.id);
  if (flat) await scheduleViewingCall(tx, existing, flat, request, now);
  // A buyer who comes back brings an archived lead back to the lists.
  if (existing.archivedAt) {
    await tx.lead.update({
      where: { id: existing.id },
      data: { archivedAt: null, version: { increment: 1 } },
    });
    await audit(tx, actor, {
      action: "lead.restore",
      entityId: existing.id,
      before: { archivedAt: existing.archivedAt.toISOString() },
      after: { status: existing.status, cause: "repeat-request" },
    });
  }
  if (existing.status !== "LOST") return { leadId: existing.id, outcome: "commented" as const };

  await tx.lead.update({
    where: { id: existing.id },
    data: {
      ...statusChange("NEW", new Date()),
      lostReason: null,
      version: { increment: 1 },
    },
  });
  await audit(tx, actor, {
    action: "lead.status",
    entityId: existing.id,
    before: { status: "LOST", lostReason: existing.lostReason },
    after: { status: "NEW", cause: "repeat-request" },
  });
  return { leadId: existing.id, outcome: "reopened" as const };
}
