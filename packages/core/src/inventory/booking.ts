import { holdPolicy } from "@crm/contracts";
import type { Prisma, Db } from "@crm/db";
import { ownedOrNotFound, type Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { bookingSettings } from "../settings/settings";
import { flatSelect, toFlat, type FlatRow } from "./flats";
import { endHold } from "./holds";
import { statusChange } from "../leads/lead-activity";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

export async function bookableLead(tx: Tx, actor: Actor, leadId: number) {
  const lead = ownedOrNotFound(
    actor,
    await tx.lead.findUnique({
      where: { id: leadId },
      select: { id: true, ownerId: true, status: true, archivedAt: true },
    }),
    "Lead",
  );
  if (lead.status === "SOLD" || lead.status === "LOST") {
    throw new AppError("CONFLICT", {
      detail: `A ${lead.status.toLowerCase()} lead cannot hold a flat`,
    });
  }
  return lead;
}

/** The hold on a flat, if the actor may manage it (a seller: only holds of their own leads). */
async function heldFlat(tx: Tx, actor: Actor, id: number) {
  const flat = await tx.apartment.findUnique({ where: { id }, select: flatSelect });
  if (!flat) throw notFound("Flat");
  if (flat.status !== "BOOKED" || !flat.bookedLead)
    throw new AppError("CONFLICT", { detail: "The flat is not booked" });
  if (!holdPolicy.canManage(actor, flat)) {
    throw new AppError("FORBIDDEN", {
      detail: "Only the holding lead's seller or a manager may change this hold",
    });
  }
  return flat as FlatRow & { bookedLead: NonNullable<FlatRow["bookedLead"]> };
}

/**
 * Holds a FREE flat for a lead. The claim is a single conditional UPDATE (… WHERE status =
 * 'FREE'): of any number of racing requests exactly one changes a row, the rest see zero rows
 * changed and get 409 — on SQLite (one writer) and on PostgreSQL (row lock, re-checked WHERE).
 * The lead's row is locked first, so two bookings for one lead count its holds one after the
 * other and cannot both slip under the per-lead limit.
 */
export async function bookFlat(
  db: Db,
  actor: Actor,
  id: number,
  input: { leadId: number; days?: number },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const { id: leadId } = await bookableLead(tx, actor, input.leadId);
    const lead = await tx.lead.update({
      where: { id: leadId },
      data: { version: { increment: 1 } },
      select: { id: true, status: true },
    });
    const { defaultDays, maxDays, maxHoldsPerLead } = await bookingSettings(tx);
    const days = input.days ?? defaultDays;
    if (days > maxDays) {
      throw new AppError("VALIDATION_FAILED", {
        detail: `A hold lasts at most ${maxDays} days`,
        errors: [{ path: "days", message: `At most ${maxDays}`, code: "too_big" }],
      });
    }
    const holds = await tx.apartment.count({ where: { bookedLeadId: lead.id, status: "BOOKED" } });
    if (holds >= maxHoldsPerLead) {
      throw new AppError("CONFLICT", {
        detail:
          maxHoldsPerLead === 1
            ? "This lead already holds a flat: release it first"
            : `This lead already holds ${holds} flats, the most one lead may hold`,
      });
    }
    const bookedUntil = new Date(now.getTime() + days * DAY);
    const claimed = await tx.apartment.updateMany({
      where: { id, status: "FREE" },
      data: {
        status: "BOOKED",
        bookedLeadId: lead.id,
        bookedAt: now,
        bookedUntil,
        version: { increment: 1 },
      },
    });
    if (claimed.count === 0) {
      const exists = await tx.apartment.findUnique({ where: { id }, select: { status: true } });
      if (!exists) throw notFound("Flat");
      throw new AppError("CONFLICT", {
        detail: `The flat is ${exists.status.toLowerCase()}, not free`,
      });
    }
    const flat = await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect });
    await tx.lead.update({
      where: { id: lead.id },
      data: {
        apartmentId: id,
        complexId: flat.complexId,
        ...(lead.status !== "BOOKED" ? statusChange("BOOKED", now) : {}),
      },
    });
    await audit(tx, actor, {
      action: "apartment.book",
      entityId: id,
      after: { leadId: lead.id, bookedUntil: bookedUntil.toISOString() },
    });
    if (lead.status !== "BOOKED") {
      await audit(tx, actor, {
        action: "lead.status",
        entityId: lead.id,
        before: { status: lead.status },
        after: { status: "BOOKED", cause: "booked" },
      });
    }
    return toFlat(flat, actor);
  });
}

export async function prolongHold(
  db: Db,
  actor: Actor,
  id: number,
  days: number,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const flat = await heldFlat(tx, actor, id);
    const { maxDays, maxTotalDays } = await bookingSettings(tx);
    const from = flat.bookedUntil && flat.bookedUntil > now ? flat.bookedUntil : now;
    const bookedUntil = new Date(from.getTime() + days * DAY);
    if (bookedUntil.getTime() - now.getTime() > maxDays * DAY) {
      throw new AppError("CONFLICT", { detail: `A hold may reach at most ${maxDays} days ahead` });
    }
    // Prolonging again and again is not a way to keep a flat off the market.
    const since = flat.bookedAt ?? now;
    if (bookedUntil.getTime() - since.getTime() > maxTotalDays * DAY) {
      throw new AppError("CONFLICT", {
        detail: `A hold lasts at most ${maxTotalDays} days in all from the day it began`,
      });
    }
    const changed = await tx.apartment.updateMany({
      where: { id, version: flat.version, status: "BOOKED" },
      data: { bookedUntil, version: { increment: 1 } },
    });
    if (changed.count === 0)
      throw new AppError("CONFLICT", { detail: "The hold changed meanwhile; reload" });
    await audit(tx, actor, {
      action: "apartment.prolong",
      entityId: id,
      before: { bookedUntil: flat.bookedUntil?.toISOString() ?? null },
      after: { bookedUntil: bookedUntil.toISOString() },
    });
    return toFlat(
      await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect }),
      actor,
    );
  });
}

export async function releaseHold(db: Db, actor: Actor, id: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const flat = await heldFlat(tx, actor, id);
    if (
      !(await endHold(
        tx,
        actor,
        {
          id: flat.id,
          version: flat.version,
          bookedUntil: flat.bookedUntil,
          bookedLeadId: flat.bookedLead.id,
        },
        "release",
        now,
      ))
    ) {
      throw new AppError("CONFLICT", { detail: "The hold changed meanwhile; reload" });
    }
    return toFlat(
      await tx.apartment.findUniqueOrThrow({ where: { id }, select: flatSelect }),
      actor,
    );
  });
}
