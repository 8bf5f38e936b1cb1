import {
  DRAW_ALGORITHM,
  type TDraw,
  type TDrawEligibility,
  type TPublicDraw,
  type ZCreateDrawRequest,
} from "@crm/contracts";
import { Prisma, type Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { AppError } from "../errors";
import { queueBotMessage } from "../telegram/outbox";
import { drawTexts } from "../telegram/texts";
import { commitmentOf, entriesHashOf, newSeed, pickWinners } from "./draw-algorithm";

type Tx = Prisma.TransactionClient;
type PrizeDraw = Prisma.PrizeDrawGetPayload<object>;
const auditActor = (actor: Actor): AuditActor => ({ id: actor.id, requestId: actor.requestId });

const parseList = <T>(text: string | null): T[] => {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
};

/** The prize of a place: its own, or the last listed for places beyond the list. */
const prizeOf = (prizes: string[], place: number) => prizes[place - 1] ?? prizes.at(-1) ?? "";

function toDraw(row: PrizeDraw): TDraw {
  const prizes = parseList<string>(row.prizes);
  const drawn = row.status === "DRAWN";
  return {
    id: row.id,
    title: row.title,
    prizes,
    winnersCount: row.winnersCount,
    entryOpensAt: row.entryOpensAt.toISOString(),
    entryClosesAt: row.entryClosesAt.toISOString(),
    eligibility: row.eligibility,
    status: row.status,
    commitment: row.commitment,
    // The seed is the secret that makes the draw fair: nobody sees it before the draw.
    seed: drawn ? row.seed : null,
    entriesHash: row.entriesHash,
    entriesCount: row.entriesCount,
    winners: drawn
      ? parseList<number>(row.winners).map((ticket, index) => ({
          place: index + 1,
          ticket,
          prize: prizeOf(prizes, index + 1),
        }))
      : [],
    createdAt: row.createdAt.toISOString(),
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    drawnAt: row.drawnAt?.toISOString() ?? null,
    algorithm: DRAW_ALGORITHM,
  };
}

async function findDraw(db: Db | Tx, id: number) {
  const row = await db.prizeDraw.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", { detail: "No such draw" });
  return row;
}

export async function createDraw(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateDrawRequest>,
): Promise<TDraw> {
  const seed = newSeed();
  const commitment = commitmentOf(seed);
  return db.$transaction(async (tx) => {
    const row = await tx.prizeDraw.create({
      data: {
        title: input.title,
        prizes: JSON.stringify(input.prizes),
        winnersCount: input.winnersCount,
        entryOpensAt: new Date(input.entryOpensAt),
        entryClosesAt: new Date(input.entryClosesAt),
        eligibility: input.eligibility,
        seed,
        commitment,
        createdById: actor.id,
      },
    });
    await audit(tx, auditActor(actor), {
      action: "draw.create",
      entityId: row.id,
      after: {
        title: row.title,
        winnersCount: row.winnersCount,
        eligibility: row.eligibility,
        entryOpensAt: row.entryOpensAt.toISOString(),
        entryClosesAt: row.entryClosesAt.toISOString(),
        commitment,
      },
    });
    return toDraw(row);
  });
}

export async function listDraws(db: Db): Promise<{ items: TDraw[] }> {
  const rows = await db.prizeDraw.findMany({ orderBy: { id: "desc" }, take: 200 });
  return { items: rows.map(toDraw) };
}

export async function getDraw(db: Db, id: number): Promise<TDraw> {
  return toDraw(await findDraw(db, id));
}

const wrongStatus = (row: PrizeDraw, expected: string) =>
  new AppError("CONFLICT", {
    detail: `The draw is ${row.status}; this step needs it ${expected}`,
  });

export async function openDraw(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const row = await findDraw(tx, id);
    const { count } = await tx.prizeDraw.updateMany({
      where: { id, status: "DRAFT" },
      data: { status: "OPEN", openedAt: now },
    });
    if (count === 0) throw wrongStatus(row, "DRAFT");
    await audit(tx, auditActor(actor), {
      action: "draw.open",
      entityId: id,
      after: { commitment: row.commitment },
    });
    return toDraw(await findDraw(tx, id));
  });
}

/**
 * Freezes the entries: positions in ticket order, their hash published. A join holds the
 * draw's row (it bumps the count while OPEN) until it commits, so the status change waits for
 * joins in flight and no entry can slip in after the list is read.
 */
export async function closeDraw(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(
    async (tx) => {
      const row = await findDraw(tx, id);
      const { count } = await tx.prizeDraw.updateMany({
        where: { id, status: "OPEN" },
        data: { status: "CLOSED", closedAt: now },
      });
      if (count === 0) throw wrongStatus(row, "OPEN");
      const entries = await tx.prizeDrawEntry.findMany({
        where: { drawId: id },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      for (const [index, entry] of entries.entries()) {
        await tx.prizeDrawEntry.update({ where: { id: entry.id }, data: { seq: index + 1 } });
      }
      const entriesHash = entriesHashOf(entries.map((entry) => entry.id));
      const updated = await tx.prizeDraw.update({
        where: { id },
        data: { entriesHash, entriesCount: entries.length },
      });
      await audit(tx, auditActor(actor), {
        action: "draw.close",
        entityId: id,
        after: { entriesCount: entries.length, entriesHash },
      });
      return toDraw(updated);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** Reveals the seed, picks the winners from it and the frozen list, and tells them in the bot. */
export async function drawWinners(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(
    async (tx) => {
      const row = await findDraw(tx, id);
      if (row.status !== "CLOSED" || !row.entriesHash) throw wrongStatus(row, "CLOSED");
      const entries = await tx.prizeDrawEntry.findMany({
        where: { drawId: id },
        select: { id: true, chatId: true, telegramUserId: true },
        orderBy: { seq: "asc" },
      });
      const winners = pickWinners(
        row.seed,
        row.entriesHash,
        entries.map((entry) => entry.id),
        row.winnersCount,
      );
      const { count } = await tx.prizeDraw.updateMany({
        where: { id, status: "CLOSED" },
        data: { status: "DRAWN", drawnAt: now, winners: JSON.stringify(winners) },
      });
      if (count === 0) throw wrongStatus(row, "CLOSED");
      const prizes = parseList<string>(row.prizes);
      const byTicket = new Map(entries.map((entry) => [entry.id, entry]));
      const languages = await languagesOf(
        tx,
        winners.map((ticket) => byTicket.get(ticket)!.telegramUserId),
      );
      for (const [index, ticket] of winners.entries()) {
        const entry = byTicket.get(ticket)!;
        await tx.prizeDrawEntry.update({ where: { id: ticket }, data: { place: index + 1 } });
        const t = drawTexts(languages.get(entry.telegramUserId));
        await queueBotMessage(tx, {
          chatId: entry.chatId,
          text: t.winner(row.title, index + 1, prizeOf(prizes, index + 1), ticket, row.id),
          dedupeKey: `draw:${id}:winner:${ticket}`,
        });
      }
      await audit(tx, auditActor(actor), {
        action: "draw.draw",
        entityId: id,
        after: { seed: row.seed, entriesHash: row.entriesHash, winners },
      });
      return toDraw(await findDraw(tx, id));
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

async function languagesOf(tx: Tx, telegramUserIds: string[]) {
  const rows = await tx.telegramProfile.findMany({
    where: { telegramUserId: { in: telegramUserIds } },
    select: { telegramUserId: true, language: true },
  });
  return new Map(rows.map((row) => [row.telegramUserId, row.language]));
}

/** A draw as anyone may see it (no login); drafts do not exist for the public. */
export async function publicDraw(db: Db, id: number): Promise<TPublicDraw> {
  const row = await db.prizeDraw.findUnique({ where: { id } });
  if (!row || row.status === "DRAFT") throw new AppError("NOT_FOUND", { detail: "No such draw" });
  const frozen = row.status === "CLOSED" || row.status === "DRAWN";
  const entries = await db.prizeDrawEntry.findMany({
    where: { drawId: id },
    select: { id: true },
    orderBy: frozen ? { seq: "asc" } : { id: "asc" },
  });
  const { createdAt: _createdAt, ...draw } = toDraw(row);
  return { ...draw, entries: entries.map((entry) => entry.id) };
}

/** Draws the bot offers: open ones, and the latest drawn ones (their results). */
export async function botDraws(db: Db) {
  const rows = await db.prizeDraw.findMany({
    where: { status: { in: ["OPEN", "CLOSED", "DRAWN"] } },
    orderBy: { id: "desc" },
    take: 10,
  });
  return rows.map(toDraw);
}

export type JoinOutcome =
  | { outcome: "joined"; ticket: number; draw: TDraw }
  | { outcome: "already"; ticket: number; draw: TDraw }
  | { outcome: "closed"; draw: TDraw }
  | { outcome: "needs-phone"; draw: TDraw }
  | { outcome: "not-eligible"; draw: TDraw }
  | { outcome: "not-found" };

/** Whether a verified phone may enter a draw with this eligibility. */
async function isEligible(db: Db, eligibility: TDrawEligibility, phone: string | null) {
  if (eligibility === "ANYONE") return true;
  if (!phone) return false;
  const lead = await db.lead.findFirst({
    where: { phone },
    select: {
      archivedAt: true,
      contracts: { where: { status: "SIGNED" }, select: { id: true }, take: 1 },
    },
  });
  if (!lead) return false;
  return eligibility === "LEADS" ? true : lead.contracts.length > 0;
}

/**
 * One entry per Telegram user and draw (a unique key, so concurrent taps make one entry). The
 * entry bumps the draw's count while it is OPEN in the same transaction, which is what holds
 * off closing until it commits.
 */
export async function joinDraw(
  db: Db,
  input: { drawId: number; telegramUserId: string; chatId: string; requestId: string },
  now = new Date(),
): Promise<JoinOutcome> {
  // findFirst, not findUnique: Prisma batches concurrent findUniques into one statement, which
  // a burst of taps would push past SQLite's parameter limit.
  const row = await db.prizeDraw.findFirst({ where: { id: input.drawId } });
  if (!row || row.status === "DRAFT") return { outcome: "not-found" };
  const draw = toDraw(row);
  const existing = await db.prizeDrawEntry.findFirst({
    where: { drawId: row.id, telegramUserId: input.telegramUserId },
    select: { id: true },
  });
  if (existing) return { outcome: "already", ticket: existing.id, draw };
  const inWindow = now >= row.entryOpensAt && now < row.entryClosesAt;
  if (row.status !== "OPEN" || !inWindow) return { outcome: "closed", draw };
  if (row.eligibility !== "ANYONE") {
    const profile = await db.telegramProfile.findFirst({
      where: { telegramUserId: input.telegramUserId },
      select: { verifiedPhone: true },
    });
    if (!profile?.verifiedPhone) return { outcome: "needs-phone", draw };
    if (!(await isEligible(db, row.eligibility, profile.verifiedPhone)))
      return { outcome: "not-eligible", draw };
  }
  try {
    const ticket = await db.$transaction(
      async (tx) => {
        const { count } = await tx.prizeDraw.updateMany({
          where: { id: row.id, status: "OPEN" },
          data: { entriesCount: { increment: 1 } },
        });
        if (count === 0) return null;
        const entry = await tx.prizeDrawEntry.create({
          data: { drawId: row.id, telegramUserId: input.telegramUserId, chatId: input.chatId },
        });
        await audit(
          tx,
          { id: null, requestId: input.requestId },
          {
            action: "draw.enter",
            entityId: row.id,
            after: { ticket: entry.id, telegramUserId: input.telegramUserId },
          },
        );
        return entry.id;
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
    if (ticket === null) return { outcome: "closed", draw };
    return { outcome: "joined", ticket, draw: { ...draw, entriesCount: draw.entriesCount + 1 } };
  } catch (error) {
    // The same user tapped twice at once: the other tap made the entry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const entry = await db.prizeDrawEntry.findFirstOrThrow({
        where: { drawId: row.id, telegramUserId: input.telegramUserId },
        select: { id: true },
      });
      return { outcome: "already", ticket: entry.id, draw };
    }
    throw error;
  }
}
