import type { TStaffAbsence, ZCreateAbsenceRequest } from "@crm/contracts";
import type { Db, Prisma } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError } from "../errors";

type Tx = Prisma.TransactionClient;

/** The pool channel leads are dealt from: every active seller who is not away. */
const SELLER_POOL = "channel-leads";

/**
 * The seller who gets the next lead from a channel: round-robin over active sellers in id
 * order, skipping the inactive and those with an absence covering `now`; the position is kept
 * in the database so every process deals from the same place. Null when nobody is available
 * (the lead stays unassigned for the team to pick up).
 */
export async function nextAssignee(tx: Tx | Db, now = new Date()): Promise<number | null> {
  const sellers = await tx.user.findMany({
    where: { isActive: true, role: { code: "SELLER" } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (!sellers.length) return null;
  const away = await tx.staffAbsence.findMany({
    where: {
      userId: { in: sellers.map((seller) => seller.id) },
      startsAt: { lte: now },
      endsAt: { gt: now },
    },
    select: { userId: true },
  });
  const absent = new Set(away.map((row) => row.userId));
  const available = sellers.filter((seller) => !absent.has(seller.id));
  if (!available.length) return null;
  const cursor = await tx.assignmentCursor.findUnique({ where: { pool: SELLER_POOL } });
  const next =
    available.find((seller) => cursor === null || seller.id > cursor.lastUserId) ?? available[0]!;
  await tx.assignmentCursor.upsert({
    where: { pool: SELLER_POOL },
    create: { pool: SELLER_POOL, lastUserId: next.id },
    update: { lastUserId: next.id },
  });
  return next.id;
}

const toAbsence = (row: {
  id: number;
  userId: number;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}): TStaffAbsence => ({
  id: row.id,
  userId: row.userId,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  reason: row.reason,
});

/** Absences that have not ended, soonest first. */
export async function listAbsences(db: Db, now = new Date()) {
  const rows = await db.staffAbsence.findMany({
    where: { endsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return { items: rows.map(toAbsence) };
}

export async function addAbsence(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateAbsenceRequest>,
) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", { detail: "No such user" });
    const row = await tx.staffAbsence.create({
      data: {
        userId: input.userId,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        reason: input.reason ?? "",
        createdById: actor.id,
      },
    });
    await audit(
      tx,
      { id: actor.id, requestId: actor.requestId },
      {
        action: "user.absence",
        entityId: row.userId,
        after: {
          absenceId: row.id,
          startsAt: row.startsAt.toISOString(),
          endsAt: row.endsAt.toISOString(),
          reason: row.reason,
        },
      },
    );
    return toAbsence(row);
  });
}

export async function removeAbsence(db: Db, actor: Actor, id: number) {
  await db.$transaction(async (tx) => {
    const row = await tx.staffAbsence.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", { detail: "No such absence" });
    await tx.staffAbsence.delete({ where: { id } });
    await audit(
      tx,
      { id: actor.id, requestId: actor.requestId },
      {
        action: "user.absence_remove",
        entityId: row.userId,
        before: {
          absenceId: row.id,
          startsAt: row.startsAt.toISOString(),
          endsAt: row.endsAt.toISOString(),
        },
      },
    );
  });
}
