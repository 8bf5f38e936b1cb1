import type { Db } from "./client";
import { leadSearchText } from "./lead-search";
import { hashPassword } from "./passwords";

export const ROLE_NAMES = {
  ADMIN: "Админ",
  SELLER: "Продажник",
  MOP: "МОП",
  ROP: "РОП",
  FINANCIER: "Финансист",
} as const;

/** Roles every installation needs. Idempotent. */
export async function seedRoles(db: Db): Promise<void> {
  for (const [code, name] of Object.entries(ROLE_NAMES)) {
    await db.role.upsert({
      where: { code: code as keyof typeof ROLE_NAMES },
      create: { code: code as keyof typeof ROLE_NAMES, name },
      update: {},
    });
  }
}

export const DEMO_PASSWORD = "demo12345";
export const DEMO_USERS = [
  { login: "admin", role: "ADMIN", firstName: "Азиз", lastName: "Каримов" },
  { login: "seller", role: "SELLER", firstName: "Дилноза", lastName: "Юсупова" },
  { login: "seller2", role: "SELLER", firstName: "Жасур", lastName: "Рахимов" },
  { login: "mop", role: "MOP", firstName: "Нодира", lastName: "Ахмедова" },
  { login: "rop", role: "ROP", firstName: "Бахтиёр", lastName: "Турсунов" },
  { login: "finance", role: "FINANCIER", firstName: "Малика", lastName: "Саидова" },
] as const;

/** Small deterministic PRNG (mulberry32): demo data, benchmarks and property tests repeat exactly. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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

function personName(pick: <T>(items: readonly T[]) => T, random: () => number): string {
  const isWoman = random() < 0.5;
  const first = pick(isWoman ? WOMEN : MEN);
  if (random() < 0.2) return `${first} ${pick(UNCHANGING)}`;
  const surname = pick(SURNAMES);
  return `${first} ${isWoman ? `${surname}а` : surname}`;
}

const REGIONS = [
  "Ташкент",
  "Ташкентская обл.",
  "Самарканд",
  "Бухара",
  "Андижан",
  "Фергана",
  "Наманган",
];
const SOURCES = [
  "INSTAGRAM",
  "TELEGRAM",
  "LANDING",
  "WEBSITE",
  "PHONE",
  "WALK_IN",
  "REFERRAL",
] as const;
const STATUSES = [
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

/**
 * Demo data for `pnpm start`: one user per role, two complexes with a few hundred flats, a few
 * hundred leads with comments, contracts and installment payments. Skipped when demo users exist.
 * Never run in production (the demo password is public).
 */
export async function seedDemo(db: Db, options: { leads?: number } = {}): Promise<boolean> {
  if (await db.user.findUnique({ where: { login: "admin" }, select: { id: true } })) return false;
  await seedRoles(db);
  const random = prng(20261124);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roles = new Map((await db.role.findMany()).map((role) => [role.code, role.id]));

  const users: Record<string, number> = {};
  for (const user of DEMO_USERS) {
    const created = await db.user.create({
      data: {
        login: user.login,
        passwordHash,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: `+99890${String(1_000_000 + Object.keys(users).length * 111_111).slice(0, 7)}`,
        roleId: roles.get(user.role)!,
      },
    });
    users[user.login] = created.id;
  }

  const complexes = [
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
  const flatIds: { id: number; complexId: number; price: bigint; currency: "UZS" | "USD" }[] = [];
  for (const spec of complexes) {
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
      where: { complexId: complex.id, status: "FREE" },
      select: { id: true, complexId: true, price: true, currency: true },
    });
    flatIds.push(...created);
  }

  const sellers = [users.seller!, users.seller2!];
  const leadCount = options.leads ?? 300;
  const now = Date.now();
  const DAY = 86_400_000;
  for (let i = 0; i < leadCount; i++) {
    const status = pick(STATUSES);
    const createdAt = new Date(now - Math.floor(random() * 120) * DAY - Math.floor(random() * DAY));
    const fullName = personName(pick, random);
    const phone = `+9989${String(10_000_000 + i * 7919).slice(0, 8)}`;
    const flat =
      status === "BOOKED" || status === "SOLD"
        ? flatIds.splice(Math.floor(random() * flatIds.length), 1)[0]
        : undefined;
    const lead = await db.lead.create({
      data: {
        fullName,
        phone,
        searchText: leadSearchText(fullName, phone),
        region: pick(REGIONS),
        source: pick(SOURCES),
        status,
        lostReason: status === "LOST" ? "Выбрал другой ЖК" : null,
        ownerId: i % 10 === 9 ? null : sellers[i % 2]!,
        complexId: flat?.complexId ?? null,
        apartmentId: flat?.id ?? null,
        createdAt,
        statusChangedAt: createdAt,
        comments: {
          create: Array.from({ length: Math.floor(random() * 3) }, (_, k) => ({
            body: pick(COMMENTS),
            authorId: sellers[i % 2]!,
            createdAt: new Date(createdAt.getTime() + (k + 1) * 3_600_000),
          })),
        },
      },
    });
    if (flat && status === "BOOKED") {
      await db.apartment.update({
        where: { id: flat.id },
        data: {
          status: "BOOKED",
          bookedLeadId: lead.id,
          bookedUntil: new Date(now + 3 * DAY),
          version: { increment: 1 },
        },
      });
    }
    if (flat && status === "SOLD") {
      const months = pick([0, 12, 24]);
      const down = months === 0 ? flat.price : (flat.price * 30n) / 100n;
      const signedAt = new Date(createdAt.getTime() + 7 * DAY);
      const contract = await db.contract.create({
        data: {
          number: `Д-${String(i + 1).padStart(5, "0")}`,
          leadId: lead.id,
          apartmentId: flat.id,
          price: flat.price,
          currency: flat.currency,
          downPayment: down,
          installmentMonths: months,
          signedAt,
          status: "SIGNED",
          createdById: sellers[i % 2]!,
        },
      });
      await db.apartment.update({
        where: { id: flat.id },
        data: { status: "SOLD", version: { increment: 1 } },
      });
      const rest = flat.price - down;
      const monthly = months ? rest / BigInt(months) : 0n;
      const payments: {
        seq: number;
        kind: "DOWN_PAYMENT" | "INSTALLMENT";
        amount: bigint;
        dueDate: Date;
      }[] = [{ seq: 0, kind: "DOWN_PAYMENT", amount: down, dueDate: signedAt }];
      for (let m = 1; m <= months; m++) {
        const amount = m === months ? rest - monthly * BigInt(months - 1) : monthly;
        payments.push({
          seq: m,
          kind: "INSTALLMENT" as const,
          amount,
          dueDate: new Date(signedAt.getTime() + m * 30 * DAY),
        });
      }
      await db.payment.createMany({
        data: payments.map((payment) => {
          const isPast = payment.dueDate.getTime() < now;
          const isPaid = isPast && (payment.seq === 0 || random() < 0.85);
          return {
            leadId: lead.id,
            contractId: contract.id,
            kind: payment.kind,
            seq: payment.seq,
            amount: payment.amount,
            paidAmount: isPaid ? payment.amount : 0n,
            currency: flat.currency,
            dueDate: payment.dueDate,
            paidAt: isPaid ? payment.dueDate : null,
            method: isPaid ? pick(["CASH", "CARD", "BANK_TRANSFER"] as const) : null,
            status: isPaid
              ? ("PAID" as const)
              : isPast
                ? ("OVERDUE" as const)
                : ("SCHEDULED" as const),
          };
        }),
      });
    }
  }
  return true;
}
