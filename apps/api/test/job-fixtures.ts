import type { Db } from "@crm/db";

/** Rows the scheduled jobs act on, for the job tests. */
let seq = 0;
const tag = () => `${process.pid}-${Date.now().toString(36)}-${(seq += 1)}`;
const phone = () => `+99893${String(1_000_000 + ((process.pid * 7919 + (seq += 1)) % 8_999_999))}`;

/** A BOOKED lead holding a flat whose hold ended a minute ago. */
export async function expiredHold(db: Db) {
  const complex = await db.complex.create({
    data: { name: `ЖК ${tag()}`, slug: `jobs-${tag()}`, city: "Ташкент" },
  });
  const lead = await db.lead.create({
    data: { fullName: "Hold Expired", phone: phone(), status: "BOOKED" },
  });
  const flat = await db.apartment.create({
    data: {
      complexId: complex.id,
      block: "A",
      floor: 1,
      number: "1",
      rooms: 1,
      area: 40,
      price: 1n,
      status: "BOOKED",
      bookedLeadId: lead.id,
      bookedUntil: new Date(Date.now() - 60_000),
    },
  });
  return { complex, lead, flat };
}

/** An unpaid instalment `daysAgo` days past its due date, still SCHEDULED. */
export async function paymentDue(db: Db, daysAgo: number) {
  const lead = await db.lead.create({ data: { fullName: "Payment Due", phone: phone() } });
  return db.payment.create({
    data: {
      leadId: lead.id,
      amount: 100n,
      currency: "UZS",
      dueDate: new Date(Date.now() - daysAgo * 86_400_000),
    },
  });
}

export async function statusOf(db: Db, what: { flatId?: number; paymentId?: number }) {
  return {
    flat: what.flatId
      ? (await db.apartment.findUniqueOrThrow({ where: { id: what.flatId } })).status
      : undefined,
    payment: what.paymentId
      ? (await db.payment.findUniqueOrThrow({ where: { id: what.paymentId } })).status
      : undefined,
  };
}

export const auditsOf = (db: Db, action: string, entityId: number) =>
  db.auditLog.findMany({ where: { action, entityId: String(entityId) } });
