import { hashPassword, prng } from "@crm/db";
import { iso, type BenchDb } from "./bench-db";

/**
 * Bulk-loads a benchmark database (SQLite or PostgreSQL, see bench-db.ts) in one transaction (the ORM,
 * row by row, would take an hour for a million leads). Dates use Prisma's stored format.
 */
export const BENCH_PASSWORD = "bench-password-1";
const FIRST = [
  "Алишер",
  "Шахзода",
  "Тимур",
  "Гульнора",
  "Ислом",
  "Феруза",
  "Сардор",
  "Зарина",
  "Улугбек",
  "Мадина",
  "Отабек",
  "Камола",
  "Азиз",
  "Нилуфар",
  "Жахонгир",
  "Дилноза",
];
const LAST = [
  "Абдуллаев",
  "Исмоилова",
  "Назаров",
  "Хасанова",
  "Мирзаев",
  "Эргашева",
  "Ким",
  "Пак",
  "Норматов",
  "Усмонова",
  "Каримов",
  "Юсупова",
  "Рахимов",
  "Турсунова",
];
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
  "OTHER",
];
// Weighted like a real pipeline: most leads are new or in progress, a tenth sold.
const STATUSES = [
  "NEW",
  "NEW",
  "NEW",
  "NEW",
  "NEW",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "MEETING",
  "MEETING",
  "MEETING",
  "BOOKED",
  "SOLD",
  "SOLD",
  "LOST",
  "LOST",
  "LOST",
  "LOST",
];

export interface SeedResult {
  leads: number;
  comments: number;
  sellers: number;
  seconds: number;
}

export async function seedLeads(db: BenchDb, count: number): Promise<SeedResult> {
  const started = performance.now();
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = Date.now();
  const roles = new Map(
    (await db.all<{ id: number; code: string }>('SELECT "id", "code" FROM "Role"')).map((r) => [
      r.code,
      Number(r.id),
    ]),
  );
  const stamp = iso(now);
  const user = (login: string, firstName: string, lastName: string, role: string) =>
    db.insert("User", {
      login,
      passwordHash,
      firstName,
      lastName,
      roleId: roles.get(role)!,
      createdAt: stamp,
      updatedAt: stamp,
    });
  const sellers: number[] = [];
  let comments = 0;
  await db.begin();
  await user("bench.mop", "Bench", "Manager", "MOP");
  for (let i = 1; i <= 20; i++) {
    sellers.push(await user(`bench.seller${i}`, pick(FIRST), pick(LAST), "SELLER"));
  }
  const complexes: number[] = [];
  for (const n of [1, 2, 3]) {
    complexes.push(
      await db.insert("Complex", {
        name: `ЖК Bench ${n}`,
        slug: `bench-${n}`,
        city: "Ташкент",
        createdAt: stamp,
        updatedAt: stamp,
      }),
    );
  }
  // Leads and comments take explicit ids, so comments need no round trip per lead.
  const leads = db.bulk("Lead", [
    "id",
    "fullName",
    "phone",
    "searchText",
    "region",
    "source",
    "status",
    "lostReason",
    "ownerId",
    "complexId",
    "statusChangedAt",
    "lastActivityAt",
    "createdAt",
    "updatedAt",
  ]);
  const commentRows = db.bulk(
    "Comment",
    ["leadId", "authorId", "body", "createdAt", "updatedAt"],
    () => leads.flush(),
  );
  const span = 730 * 86_400_000;
  for (let i = 0; i < count; i++) {
    const leadId = i + 1;
    const fullName = `${pick(FIRST)} ${pick(LAST)}`;
    const phone = `+998${String(900_000_000 + i * 7 + 13).slice(-9)}`;
    const status = pick(STATUSES);
    const createdAt = now - span + Math.floor((i / count) * span) + Math.floor(random() * 60_000);
    const updatedAt = createdAt + Math.floor(random() * 30 * 86_400_000);
    const ownerId = random() < 0.05 ? null : pick(sellers);
    await leads.add([
      leadId,
      fullName,
      phone,
      `${fullName.toLowerCase()} ${phone.slice(1)}`,
      pick(REGIONS),
      pick(SOURCES),
      status,
      status === "LOST" ? "Выбрал другой ЖК" : null,
      ownerId,
      random() < 0.5 ? pick(complexes) : null,
      iso(updatedAt),
      // Last activity: the status change (the few seeded comments are hours after creation).
      iso(updatedAt),
      iso(createdAt),
      iso(Math.min(updatedAt, now)),
    ]);
    if (random() < 0.05) {
      const n = 1 + Math.floor(random() * 3);
      for (let k = 0; k < n; k++) {
        await commentRows.add([
          leadId,
          ownerId,
          "Перезвонить вечером",
          iso(createdAt + k * 3_600_000),
          iso(createdAt + k * 3_600_000),
        ]);
        comments += 1;
      }
    }
  }
  await leads.flush();
  await commentRows.flush();
  await db.commit();
  await db.resetSequences(["Lead", "Comment"]);
  // PostgreSQL's triggers appended a count change per lead: fold them as the API's job would
  // within a minute, so the statistics are measured in their steady state.
  if (db.provider === "postgres") await db.all('SELECT "lead_count_fold"()');
  await db.analyze();
  await db.close();
  return {
    leads: count,
    comments,
    sellers: sellers.length,
    seconds: (performance.now() - started) / 1000,
  };
}
