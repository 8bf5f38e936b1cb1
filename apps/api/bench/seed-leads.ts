import Database from "better-sqlite3";
import { hashPassword, prng } from "@crm/db";

/**
 * Bulk-loads a benchmark database with raw prepared statements in one transaction (the ORM,
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

export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export interface SeedResult {
  leads: number;
  comments: number;
  sellers: number;
  seconds: number;
}

export async function seedLeads(file: string, count: number): Promise<SeedResult> {
  const started = performance.now();
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // bulk load only; the API opens it with NORMAL
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = Date.now();
  const roles = new Map(
    (db.prepare('SELECT id, code FROM "Role"').all() as { id: number; code: string }[]).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const insertUser = db.prepare(
    'INSERT INTO "User" (login, passwordHash, firstName, lastName, roleId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertComplex = db.prepare(
    'INSERT INTO "Complex" (name, slug, city, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)',
  );
  const insertLead = db.prepare(`INSERT INTO "Lead"
    (fullName, phone, searchText, region, source, status, lostReason, ownerId, complexId, statusChangedAt, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertComment = db.prepare(
    'INSERT INTO "Comment" (leadId, authorId, body, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)',
  );
  const sellers: number[] = [];
  let comments = 0;
  db.transaction(() => {
    const stamp = iso(now);
    insertUser.run("bench.mop", passwordHash, "Bench", "Manager", roles.get("MOP"), stamp, stamp);
    for (let i = 1; i <= 20; i++) {
      const id = insertUser.run(
        `bench.seller${i}`,
        passwordHash,
        pick(FIRST),
        pick(LAST),
        roles.get("SELLER"),
        stamp,
        stamp,
      );
      sellers.push(Number(id.lastInsertRowid));
    }
    const complexes = [1, 2, 3].map((n) =>
      Number(
        insertComplex.run(`ЖК Bench ${n}`, `bench-${n}`, "Ташкент", stamp, stamp).lastInsertRowid,
      ),
    );
    const span = 730 * 86_400_000;
    for (let i = 0; i < count; i++) {
      const fullName = `${pick(FIRST)} ${pick(LAST)}`;
      const phone = `+998${String(900_000_000 + i * 7 + 13).slice(-9)}`;
      const status = pick(STATUSES);
      const createdAt = now - span + Math.floor((i / count) * span) + Math.floor(random() * 60_000);
      const updatedAt = createdAt + Math.floor(random() * 30 * 86_400_000);
      const ownerId = random() < 0.05 ? null : pick(sellers);
      const leadId = insertLead.run(
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
        iso(createdAt),
        iso(Math.min(updatedAt, now)),
      ).lastInsertRowid;
      if (random() < 0.05) {
        const n = 1 + Math.floor(random() * 3);
        for (let k = 0; k < n; k++) {
          insertComment.run(
            leadId,
            ownerId,
            "Перезвонить вечером",
            iso(createdAt + k * 3_600_000),
            iso(createdAt + k * 3_600_000),
          );
          comments += 1;
        }
      }
    }
  })();
  db.exec("ANALYZE");
  db.close();
  return {
    leads: count,
    comments,
    sellers: sellers.length,
    seconds: (performance.now() - started) / 1000,
  };
}
