import { Prisma, type Db } from "@crm/db";
import { ownedOrNotFound, type Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { bookableLead } from "./booking";
import { getFlat } from "./flats";

export async function joinBookingQueue(db: Db, actor: Actor, id: number, leadId: number) {
  await db.$transaction(async (tx) => {
    const lead = await bookableLead(tx, actor, leadId);
    const flat = await tx.apartment.findUnique({
      where: { id },
      select: { status: true, bookedLeadId: true },
    });
    if (!flat) throw notFound("Flat");
    if (flat.status === "FREE")
      throw new AppError("CONFLICT", { detail: "The flat is free: book it instead" });
    if (flat.status !== "BOOKED")
      throw new AppError("CONFLICT", { detail: `The flat is ${flat.status.toLowerCase()}` });
    if (flat.bookedLeadId === lead.id)
      throw new AppError("CONFLICT", { detail: "This lead already holds the flat" });
    try {
      await tx.bookingQueueEntry.create({
        data: { apartmentId: id, leadId: lead.id, createdById: actor.id },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("CONFLICT", { detail: "This lead is already in line for the flat" });
      }
      throw error;
    }
    await audit(tx, actor, {
      action: "apartment.queue.join",
      entityId: id,
      after: { leadId: lead.id },
    });
  });
  return getFlat(db, actor, id);
}

export async function leaveBookingQueue(db: Db, actor: Actor, id: number, leadId: number) {
  const entry = await db.bookingQueueEntry.findUnique({
    where: { apartmentId_leadId: { apartmentId: id, leadId } },
    select: { id: true, lead: { select: { ownerId: true } } },
  });
  if (!entry) throw notFound("Queue entry");
  ownedOrNotFound(actor, entry.lead, "Queue entry");
  await db.$transaction(async (tx) => {
    await tx.bookingQueueEntry.delete({ where: { id: entry.id } });
    await audit(tx, actor, {
      action: "apartment.queue.leave",
      entityId: id,
      before: { leadId },
    });
  });
  return getFlat(db, actor, id);
}
