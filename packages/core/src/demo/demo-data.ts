import type { TRoleCode } from "@crm/contracts";
import { hashPassword, prng, seedRoles, type Db, type LeadSource } from "@crm/db";
import type { Actor } from "../access";
import * as deals from "../deals/deals";
import * as payments from "../deals/payments";
import { seedBackOffice } from "../expenses/demo";
import * as booking from "../inventory/booking";
import * as leads from "../leads/leads.service";
import { refreshLeadActivity } from "../leads/lead-activity";

export const DEMO_PASSWORD = "demo12345";
export const DEMO_USERS = [
  { login: "admin", role: "ADMIN", firstName: "Азиз", lastName: "Каримов" },
  { login: "seller", role: "SELLER", firstName: "Дилноза", lastName: "Юсупова" },
  { login: "seller2", role: "SELLER", firstName: "Жасур", lastName: "Рахимов" },
  { login: "mop", role: "MOP", firstName: "Нодира", lastName: "Ахмедова" },
  { login: "rop", role: "ROP", firstName: "Бахтиёр", lastName: "Турсунов" },
  { login: "finance", role: "FINANCIER", firstName: "Малика", lastName: "Саидова" },
] as const satisfies readonly {
  login: string;
  role: TRoleCode;
  firstName: string;
  lastName: string;
}[];

// Names by gender, so a surname agrees with its first name (Каримов / Каримова).
const MEN = ["Алишер", "Тимур", "Ислом", "Сардор", "Улугбек", "Отабек"];
const WOMEN = ["Шахзода", "Гульнора", "Феруза", "Зарина", "Мадина", "Камола"];
const SURNAMES = [
  "Абдуллаев",
  "Исмоилов",
  "Назаров",
  "Хасанов",
  "Мирзаев",
  "Эргашев",
  "Норматов",
  "Усмонов",
];
const UNCHANGING = ["Ким", "Пак"];
const REGIONS = ["Ташкент", "Ташкентская обл.", "Самарканд", "Бухара", "Андижан", "Фергана"];
const SOURCES: LeadSource[] = [
  "INSTAGRAM",
  "TELEGRAM",
  "LANDING",
  "WEBSITE",
  "PHONE",
  "WALK_IN",
  "REFERRAL",
];
const OUTCOMES = [
  "NEW",
  "NEW",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "MEETING",
  "BOOKED",
  "SOLD",
  "LOST",
] as const;
const COMMENTS = [
  "Позвонил, интересуется 2-комнатной",
  "Просит скидку при 100% оплате",
  "Перезвонить после 18:00",
  "Приедет в офис в субботу",
  "Рассматривает рассрочку на 24 месяца",
  "Нужен вид на парк",
];
const COMPLEXES = [
  {
    name: "ЖК Olmazor City",
    slug: "olmazor-city",
    city: "Ташкент",
    address: "Алмазарский р-н, ул. Сагбон, 12",
    currency: "UZS" as const,
    blocks: ["A", "B"],
    floors: 12,
    perFloor: 6,
    pricePerM2: 9_800_000_00,
  },
  {
    name: "ЖК Samarqand Darvoza",
    slug: "samarqand-darvoza",
    city: "Самарканд",
    address: "ул. Регистан, 45",
    currency: "USD" as const,
    blocks: ["1", "2", "3"],
    floors: 9,
    perFloor: 8,
    pricePerM2: 780_00,
  },
];
const DAY = 86_400_000;

/**
 * Demo data for `pnpm start`: one user per role, two complexes with a few hundred flats, a few
 * hundred leads with comments, holds, signed contracts and the money received on them. Holds,
 * contracts, schedules and receipts go through the same core functions the API calls, so the
 * demo obeys every rule the product does (a sold flat belongs to its lead, schedules fall on the
 * same day each month, receipts add up). Skipped when demo users exist. Never run in production
 * (the demo password is public).
 */
export async function seedDemo(db: Db, options: { leads?: number } = {}): Promise<boolean> {
  if (await db.user.findUnique({ where: { login: "admin" }, select: { id: true } })) return false;
  await seedRoles(db);
  const random = prng(20261124);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roles = new Map((await db.role.findMany()).map((role) => [role.code, role.id]));

  const actors = {} as Record<(typeof DEMO_USERS)[number]["login"], Actor>;
  for (const [index, user] of DEMO_USERS.entries()) {
    const created = await db.user.create({
      data: {
        login: user.login,
        passwordHash,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: `+99890${String(1_000_000 + index * 111_111).slice(0, 7)}`,
        roleId: roles.get(user.role)!,
      },
    });
    actors[user.login] = { id: created.id, login: user.login, role: user.role };
  }

  const freeFlats: { id: number; complexId: number }[] = [];
  for (const spec of COMPLEXES) {
    const complex = await db.complex.create({
      data: {
        name: spec.name,
        slug: spec.slug,
        city: spec.city,
        address: spec.address,
        currency: spec.currency,
        description: `${spec.name} — жилой комплекс комфорт-класса в городе ${spec.city}.`,
        isPublished: true,
      },
    });
    const rows = [];
    for (const block of spec.blocks) {
      for (let floor = 1; floor <= spec.floors; floor++) {
        for (let unit = 1; unit <= spec.perFloor; unit++) {
          const rooms = 1 + ((unit + floor) % 4);
          const area = Math.round((28 + rooms * 17 + random() * 8) * 10) / 10;
          const floorFactor = 1 + (floor - 1) * 0.01;
          rows.push({
            complexId: complex.id,
            block,
            floor,
            number: `${block}-${floor}${String(unit).padStart(2, "0")}`,
            rooms,
            area,
            price: BigInt(Math.round((area * spec.pricePerM2 * floorFactor) / 100) * 100),
            currency: spec.currency,
            status: random() < 0.08 ? ("UNAVAILABLE" as const) : ("FREE" as const),
            sourceRowKey: `${block}:${floor}:${unit}`,
          });
        }
      }
    }
    await db.apartment.createMany({ data: rows });
    const created = await db.apartment.findMany({
      where: { complexId: complex.id },
      select: { id: true, complexId: true, price: true, currency: true, status: true },
    });
    await db.apartmentPrice.createMany({
      data: created.map((flat) => ({
        apartmentId: flat.id,
        price: flat.price,
        currency: flat.currency,
        changedById: actors.admin.id,
      })),
    });
    freeFlats.push(...created.filter((flat) => flat.status === "FREE"));
  }

  const sellers = [actors.seller, actors.seller2];
  const leadCount = options.leads ?? 300;
  const now = Date.now();
  const planned = Array.from({ length: leadCount }, (_, i) => {
    const outcome = pick(OUTCOMES);
    const seller = sellers[i % 2]!;
    const held = outcome === "BOOKED" || outcome === "SOLD";
    return {
      i,
      outcome,
      seller,
      owner: i % 10 === 9 && !held ? null : seller,
      createdAt: new Date(now - Math.floor(random() * 120) * DAY - Math.floor(random() * DAY)),
      fullName: personName(pick, random),
      region: pick(REGIONS),
      source: pick(SOURCES),
      comments: Array.from({ length: Math.floor(random() * 3) }, () => pick(COMMENTS)),
    };
  });

  // Leads, their comments and the statuses people set, in one unit of work: the same insert
  // and status rules as the API, without a transaction per lead.
  const leadIds = await db.$transaction(
    async (tx) => {
      const ids: number[] = [];
      for (const plan of planned) {
        const lead = await leads.insertLead(tx, actors.mop, {
          fullName: plan.fullName,
          phone: `+9989${String(10_000_000 + plan.i * 7919).slice(0, 8)}`,
          region: plan.region,
          source: plan.source,
          ownerId: plan.owner?.id ?? null,
          complexId: null,
          apartmentId: null,
          budget: null,
          budgetCurrency: null,
          note: null,
        });
        ids.push(lead.id);
        const actor = plan.owner ?? actors.mop;
        const status =
          plan.outcome === "BOOKED" || plan.outcome === "SOLD" ? "MEETING" : plan.outcome;
        if (status === "LOST") {
          await leads.updateLeadWithin(tx, actor, lead.id, {
            status,
            lostReason: "Выбрал другой ЖК",
          });
        } else if (status !== "NEW") {
          await leads.updateLeadWithin(tx, actor, lead.id, { status });
        }
      }
      await tx.comment.createMany({
        data: planned.flatMap((plan, index) =>
          plan.comments.map((body, k) => ({
            leadId: ids[index]!,
            body,
            authorId: plan.seller.id,
            createdAt: new Date(plan.createdAt.getTime() + (k + 1) * 3_600_000),
          })),
        ),
      });
      for (const id of ids) await refreshLeadActivity(tx, id);
      return ids;
    },
    { timeout: 120_000 },
  );

  for (const [index, plan] of planned.entries()) {
    const leadId = leadIds[index]!;
    if (plan.outcome === "BOOKED" || plan.outcome === "SOLD") {
      const flat = freeFlats.splice(Math.floor(random() * freeFlats.length), 1)[0];
      const actor = plan.owner ?? actors.mop;
      if (flat && plan.outcome === "BOOKED") {
        await booking.bookFlat(db, actor, flat.id, { leadId });
      } else if (flat) {
        await sellFlat(db, actors, actor, leadId, flat.id, plan.createdAt, pick, random);
      }
    }
  }
  // The leads as they came in: back-dated for the statistics. An open lead was last touched
  // with its last comment, so the older quiet ones show as stuck on the managers' dashboard.
  await db.$transaction(
    planned.map((plan, index) => {
      const held = plan.outcome === "BOOKED" || plan.outcome === "SOLD";
      const lastTouched = new Date(plan.createdAt.getTime() + plan.comments.length * 3_600_000);
      return db.lead.update({
        where: { id: leadIds[index]! },
        data: { createdAt: plan.createdAt, ...(held ? {} : { updatedAt: lastTouched }) },
      });
    }),
  );
  // Instalments past due and unpaid become OVERDUE by the rule the worker runs every minute.
  await payments.markOverdue(db, new Date(now), { requestId: "demo" });
  await seedBackOffice(
    db,
    { rop: actors.rop, finance: actors.finance },
    (await db.complex.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id),
    random,
    new Date(now),
  );
  return true;
}

/** Books, drafts, signs and collects what is due on a contract signed a week after the lead. */
async function sellFlat(
  db: Db,
  actors: Record<string, Actor>,
  seller: Actor,
  leadId: number,
  flatId: number,
  createdAt: Date,
  pick: <T>(items: readonly T[]) => T,
  random: () => number,
) {
  const signedAt = new Date(createdAt.getTime() + 7 * DAY);
  await booking.bookFlat(db, seller, flatId, { leadId }, signedAt);
  const flat = await db.apartment.findUniqueOrThrow({
    where: { id: flatId },
    select: { price: true },
  });
  const months = pick([0, 12, 24]);
  const price = Number(flat.price);
  const downPayment = months === 0 ? price : Math.round((price * 0.3) / 100) * 100;
  const draft = await deals.createDeal(
    db,
    seller,
    { leadId, downPayment, installmentMonths: months, startDate: signedAt.toISOString() },
    signedAt,
  );
  const signed = await deals.signDeal(db, seller, draft.id, signedAt);
  const now = Date.now();
  for (const instalment of signed.schedule) {
    const due = new Date(instalment.dueDate);
    // The down payment is always in; later instalments mostly on time.
    if (due.getTime() >= now || (instalment.seq > 0 && random() >= 0.85)) continue;
    await payments.recordPayment(
      db,
      actors.finance!,
      instalment.id,
      {
        amount: instalment.amount,
        method: pick(["CASH", "CARD", "BANK_TRANSFER"] as const),
        paidAt: due.toISOString(),
      },
      due,
    );
  }
}

function personName(pick: <T>(items: readonly T[]) => T, random: () => number): string {
  const isWoman = random() < 0.5;
  const first = pick(isWoman ? WOMEN : MEN);
  if (random() < 0.2) return `${first} ${pick(UNCHANGING)}`;
  const surname = pick(SURNAMES);
  return `${first} ${isWoman ? `${surname}а` : surname}`;
}
