import type { Db, LeadSource } from "@crm/db";
import type { Actor } from "../access";
import { localDayKey } from "../local-time";
import { createCategory, createExpense } from "./expenses";
import { setBudget } from "./budgets";
import { setRate } from "./currency";

/**
 * Demo back office, made by the product's own rules: categories, three months of budgets and
 * expenses (advertising by channel and complex, rent, salaries), and the months' dollar rates.
 */
export async function seedBackOffice(
  db: Db,
  actors: { rop: Actor; finance: Actor },
  complexIds: number[],
  random: () => number,
  now = new Date(),
) {
  const names = ["Реклама", "Аренда офиса", "Зарплата", "Канцелярия"] as const;
  const categories = new Map<string, number>();
  for (const name of names) {
    categories.set(name, (await createCategory(db, actors.rop, { name })).id);
  }
  const today = localDayKey(now);
  const [year, month] = today.split("-").map(Number) as [number, number];
  const sources: LeadSource[] = ["INSTAGRAM", "TELEGRAM", "LANDING"];
  for (let back = 2; back >= 0; back -= 1) {
    const first = new Date(Date.UTC(year, month - 1 - back, 1));
    const key = first.toISOString().slice(0, 7);
    await setRate(db, actors.finance, key, 12_600_00 + Math.round(random() * 300) * 100);
    const plans: [string, number][] = [
      ["Реклама", 60_000_000_00],
      ["Аренда офиса", 15_000_000_00],
      ["Зарплата", 120_000_000_00],
      ["Канцелярия", 2_000_000_00],
    ];
    for (const [name, planned] of plans) {
      await setBudget(db, actors.rop, {
        categoryId: categories.get(name)!,
        month: key,
        planned,
        currency: "UZS",
      });
    }
    const lastDay = back === 0 ? Number(today.slice(8, 10)) : 28;
    const day = (n: number) => `${key}-${String(Math.min(n, lastDay)).padStart(2, "0")}`;
    for (const [index, source] of sources.entries()) {
      await createExpense(db, actors.rop, {
        categoryId: categories.get("Реклама")!,
        amount: Math.round(8_000_000 + random() * 14_000_000) * 100,
        currency: "UZS",
        spentOn: day(3 + index * 7),
        complexId: complexIds[index % complexIds.length] ?? null,
        source,
        note: `Продвижение, ${source.toLowerCase()}`,
      });
    }
    await createExpense(db, actors.rop, {
      categoryId: categories.get("Реклама")!,
      amount: Math.round(400 + random() * 600) * 100,
      currency: "USD",
      spentOn: day(12),
      complexId: complexIds[0] ?? null,
      source: "INSTAGRAM",
      note: "Таргет в Instagram, оплата картой в долларах",
    });
    await createExpense(db, actors.rop, {
      categoryId: categories.get("Аренда офиса")!,
      amount: 15_000_000_00,
      currency: "UZS",
      spentOn: day(1),
    });
    if (back > 0) {
      await createExpense(db, actors.rop, {
        categoryId: categories.get("Зарплата")!,
        amount: Math.round(110_000_000 + random() * 20_000_000) * 100,
        currency: "UZS",
        spentOn: day(28),
      });
    }
  }
}
