import {
  callbackPolicy,
  commentPolicy,
  leadPolicy,
  type TCallback,
  type TComment,
  type TTimelineItem,
  type ZCreateCallbackRequest,
  type ZListCallbacksQuery,
  type ZUpdateCallbackRequest,
} from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import { ownedOrNotFound, ownerScope, type Actor } from "../access";
import { AppError, notFound } from "../errors";
import { refreshLeadActivity } from "../leads/lead-activity";
import { localDay } from "../local-time";

const userRef = { select: { id: true, firstName: true, lastName: true } } as const;
const refOf = (user: { id: number; firstName: string; lastName: string } | null) =>
  user ? { id: user.id, name: `${user.firstName} ${user.lastName}`.trim() } : null;

/** The lead, if the actor may see it (a seller: only their own); otherwise 404. */
async function visibleLead(
  db: Db | Prisma.TransactionClient,
  actor: Actor,
  leadId: number,
  archived: "hidden" | "readable" = "hidden",
) {
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    select: { id: true, ownerId: true, archivedAt: true },
  });
  return ownedOrNotFound(actor, lead, "Lead", { archived });
}

// ── Comments ────────────────────────────────────────────────────────────────

const commentSelect = {
  id: true,
  leadId: true,
  body: true,
  createdAt: true,
  updatedAt: true,
  authorId: true,
  author: userRef,
} satisfies Prisma.CommentSelect;

function toComment(row: Prisma.CommentGetPayload<{ select: typeof commentSelect }>): TComment {
  return {
    id: row.id,
    leadId: row.leadId,
    author: refOf(row.author),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function addComment(
  db: Db,
  actor: Actor,
  leadId: number,
  body: string,
): Promise<TComment> {
  await visibleLead(db, actor, leadId);
  return db.$transaction(async (tx) => {
    const row = await tx.comment.create({
      data: { leadId, body, authorId: actor.id },
      select: commentSelect,
    });
    await refreshLeadActivity(tx, leadId);
    return toComment(row);
  });
}

/** A comment on a lead the actor can see, which the policy lets them edit or delete. */
async function changeableComment(db: Db, actor: Actor, id: number, change: "edit" | "delete") {
  const row = await db.comment.findUnique({
    where: { id },
    select: { ...commentSelect, lead: { select: { ownerId: true, archivedAt: true } } },
  });
  if (!row) throw notFound("Comment");
  ownedOrNotFound(actor, row.lead, "Comment");
  const may = change === "edit" ? commentPolicy.canEdit : commentPolicy.canDelete;
  if (!may(actor, row)) {
    throw new AppError("FORBIDDEN", { detail: "Only the author may change this comment" });
  }
  return row;
}

export async function editComment(
  db: Db,
  actor: Actor,
  id: number,
  body: string,
): Promise<TComment> {
  await changeableComment(db, actor, id, "edit");
  return toComment(
    await db.comment.update({ where: { id }, data: { body }, select: commentSelect }),
  );
}

export async function deleteComment(db: Db, actor: Actor, id: number): Promise<void> {
  const comment = await changeableComment(db, actor, id, "delete");
  await db.$transaction(async (tx) => {
    await tx.comment.delete({ where: { id } });
    await refreshLeadActivity(tx, comment.leadId);
  });
}

// ── Callbacks ───────────────────────────────────────────────────────────────

const callbackSelect = {
  id: true,
  leadId: true,
  userId: true,
  dueAt: true,
  note: true,
  isDone: true,
  doneAt: true,
  createdAt: true,
  user: userRef,
  lead: { select: { id: true, fullName: true, phone: true, ownerId: true, archivedAt: true } },
} satisfies Prisma.CallbackSelect;

function toCallback(row: Prisma.CallbackGetPayload<{ select: typeof callbackSelect }>): TCallback {
  return {
    id: row.id,
    leadId: row.leadId,
    lead: { id: row.lead.id, fullName: row.lead.fullName, phone: row.lead.phone },
    user: refOf(row.user)!,
    dueAt: row.dueAt.toISOString(),
    note: row.note,
    isDone: row.isDone,
    doneAt: row.doneAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function addCallback(
  db: Db,
  actor: Actor,
  leadId: number,
  input: z.output<typeof ZCreateCallbackRequest>,
): Promise<TCallback> {
  await visibleLead(db, actor, leadId);
  let userId = actor.id;
  if (input.userId !== undefined && input.userId !== actor.id) {
    if (!callbackPolicy.canAssignOthers(actor))
      throw new AppError("FORBIDDEN", { detail: "Sellers schedule their own calls" });
    const user = await db.user.findUnique({
      where: { id: input.userId },
      select: { isActive: true },
    });
    if (!user?.isActive) {
      throw new AppError("CONFLICT", {
        detail: "The call must be assigned to an active user",
        errors: [{ path: "userId", message: "Not an active user", code: "invalid_user" }],
      });
    }
    userId = input.userId;
  }
  return db.$transaction(async (tx) => {
    const row = await tx.callback.create({
      data: { leadId, userId, dueAt: new Date(input.dueAt), note: input.note },
      select: callbackSelect,
    });
    await refreshLeadActivity(tx, leadId);
    return toCallback(row);
  });
}

/** Sellers change their own callbacks (on their own leads); MOP and ADMIN any. */
async function changeableCallback(db: Db, actor: Actor, id: number) {
  const row = await db.callback.findUnique({ where: { id }, select: callbackSelect });
  if (!row || row.lead.archivedAt || !callbackPolicy.canChange(actor, row)) {
    throw notFound("Callback");
  }
  return row;
}

export async function updateCallback(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateCallbackRequest>,
): Promise<TCallback> {
  const before = await changeableCallback(db, actor, id);
  const completing = input.isDone !== undefined && input.isDone !== before.isDone;
  return db.$transaction(async (tx) => {
    const row = await tx.callback.update({
      where: { id },
      data: {
        dueAt: input.dueAt ? new Date(input.dueAt) : undefined,
        note: input.note,
        isDone: input.isDone,
        doneAt: completing ? (input.isDone ? new Date() : null) : undefined,
      },
      select: callbackSelect,
    });
    await refreshLeadActivity(tx, row.leadId);
    return toCallback(row);
  });
}

export async function deleteCallback(db: Db, actor: Actor, id: number): Promise<void> {
  const callback = await changeableCallback(db, actor, id);
  await db.$transaction(async (tx) => {
    await tx.callback.delete({ where: { id } });
    await refreshLeadActivity(tx, callback.leadId);
  });
}

/** The callbacks of a bucket the actor may see; counted by the dashboard with the same rule. */
export function callbacksWhere(
  actor: Actor,
  query: Omit<z.output<typeof ZListCallbacksQuery>, "limit">,
  now = new Date(),
): Prisma.CallbackWhereInput {
  const { end } = localDay(now, query.tzOffset);
  // Calls are listed only on leads the actor may see: a seller's own call on a lead that was
  // since given to someone else is that person's now, and its name and phone are not shown.
  const where: Prisma.CallbackWhereInput = {
    lead: { archivedAt: null, ...ownerScope(actor) },
    ...(query.scope === "mine"
      ? { userId: actor.id }
      : query.userId !== undefined
        ? { userId: query.userId }
        : {}),
  };
  switch (query.bucket) {
    case "overdue":
      return { ...where, isDone: false, dueAt: { lt: now } };
    case "today":
      // Calls already late (even from earlier today) are in "overdue"; today = the rest of it.
      return { ...where, isDone: false, dueAt: { gte: now, lt: end } };
    case "upcoming":
      return { ...where, isDone: false, dueAt: { gte: end } };
    case "done":
      return { ...where, isDone: true };
  }
}

export async function listCallbacks(
  db: Db,
  actor: Actor,
  query: z.output<typeof ZListCallbacksQuery>,
  now = new Date(),
): Promise<{ items: TCallback[] }> {
  if (query.scope === "team" && !leadPolicy.seesTeamCallbacks(actor)) {
    throw new AppError("FORBIDDEN", { detail: "Only sales managers see the team's calls" });
  }
  const where = callbacksWhere(actor, query, now);
  const orderBy: Prisma.CallbackOrderByWithRelationInput =
    query.bucket === "done" ? { doneAt: "desc" } : { dueAt: "asc" };
  const rows = await db.callback.findMany({
    where,
    orderBy: [orderBy, { id: "asc" }],
    take: query.limit,
    select: callbackSelect,
  });
  return { items: rows.map(toCallback) };
}

// ── Timeline ────────────────────────────────────────────────────────────────

const TIMELINE_LIMIT = 200;

/** An audit row's before/after as stored: a JSON object, or null when absent or unreadable. */
export const parseJson = (text: string | null): Record<string, unknown> | null => {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

export async function leadTimeline(
  db: Db,
  actor: Actor,
  leadId: number,
): Promise<{ items: TTimelineItem[] }> {
  await visibleLead(db, actor, leadId, "readable");
  const [events, comments, callbacks] = await Promise.all([
    db.auditLog.findMany({
      where: { entity: "Lead", entityId: String(leadId) },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        action: true,
        before: true,
        after: true,
        createdAt: true,
        actor: userRef,
      },
    }),
    db.comment.findMany({
      where: { leadId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
      select: commentSelect,
    }),
    db.callback.findMany({
      where: { leadId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
      select: callbackSelect,
    }),
  ]);
  const items: TTimelineItem[] = [
    ...events.map((row) => ({
      kind: "event" as const,
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: refOf(row.actor),
      action: row.action,
      before: parseJson(row.before),
      after: parseJson(row.after),
    })),
    ...comments.map((row) => ({
      kind: "comment" as const,
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: refOf(row.author),
      body: row.body,
    })),
    ...callbacks.map((row) => ({
      kind: "callback" as const,
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: refOf(row.user),
      dueAt: row.dueAt.toISOString(),
      note: row.note,
      isDone: row.isDone,
    })),
  ];
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return { items: items.slice(0, TIMELINE_LIMIT) };
}
