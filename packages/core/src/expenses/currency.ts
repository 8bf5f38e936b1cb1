import type { TConverted, TCurrency, TCurrencyAmount } from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";

/**
 * Money in several currencies is kept apart: totals are one amount per currency, built only by
 * `addTo`, which adds an amount to the entry of its own currency. A figure in one currency is
 * made by `convert`, from each month's rate, and says which rates it used.
 */
export type Totals = Map<TCurrency, bigint>;

export function addTo(totals: Totals, currency: TCurrency, amount: bigint | number): void {
  totals.set(currency, (totals.get(currency) ?? 0n) + BigInt(amount));
}

/** UZS first, then USD. */
export const byCurrency = (a: TCurrency, b: TCurrency) => (a === b ? 0 : a === "UZS" ? -1 : 1);

/** UZS first, then USD; every currency present, none invented. */
export function totalsList(totals: Totals): TCurrencyAmount[] {
  return [...totals.entries()]
    .sort(([a], [b]) => byCurrency(a, b))
    .map(([currency, amount]) => ({ currency, amount: Number(amount) }));
}

export async function listRates(db: Pick<Db, "currencyRate">) {
  const rows = await db.currencyRate.findMany({ orderBy: { month: "desc" } });
  return {
    items: rows.map((row) => ({
      month: row.month,
      uzsPerUsd: Number(row.uzsPerUsd),
      updatedAt: row.updatedAt.toISOString(),
    })),
  };
}

export async function setRate(db: Db, actor: Actor, month: string, uzsPerUsd: number) {
  return db.$transaction(async (tx) => {
    const before = await tx.currencyRate.findUnique({ where: { month } });
    const row = await tx.currencyRate.upsert({
      where: { month },
      create: { month, uzsPerUsd: BigInt(uzsPerUsd), updatedById: actor.id },
      update: { uzsPerUsd: BigInt(uzsPerUsd), updatedById: actor.id },
    });
    await audit(
      tx,
      { id: actor.id, requestId: actor.requestId },
      {
        action: "currency.rate",
        entityId: month,
        before: before ? { uzsPerUsd: Number(before.uzsPerUsd) } : null,
        after: { uzsPerUsd },
      },
    );
    return {
      month: row.month,
      uzsPerUsd: Number(row.uzsPerUsd),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** Amounts of one month in one currency, the input of a conversion. */
export interface MonthAmount {
  month: string;
  currency: TCurrency;
  amount: bigint | number;
}

/** Rounds a / b half away from zero, in integers. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  return 2n * (r < 0n ? -r : r) >= b ? q + (a < 0n ? -1n : 1n) : q;
}

/**
 * States `amounts` in `target` at each month's rate (UZS tiyin per dollar; cents ↔ tiyin). A month
 * that needs a rate and has none makes the amount null and is listed in `missingRates`: a total
 * is never made up from a guessed rate.
 */
export async function convert(
  db: Pick<Db, "currencyRate">,
  amounts: readonly MonthAmount[],
  target: TCurrency,
): Promise<TConverted> {
  const foreign = amounts.filter((row) => row.currency !== target && BigInt(row.amount) !== 0n);
  const months = [...new Set(foreign.map((row) => row.month))].sort();
  const rates = new Map(
    (await db.currencyRate.findMany({ where: { month: { in: months } } })).map((row) => [
      row.month,
      row.uzsPerUsd,
    ]),
  );
  const missingRates = months.filter((month) => !rates.has(month));
  let total = 0n;
  for (const row of amounts) {
    const amount = BigInt(row.amount);
    if (row.currency === target) total += amount;
    else if (amount !== 0n) {
      const rate = rates.get(row.month);
      if (rate === undefined) continue;
      // USD cents → UZS tiyin: cents × (tiyin per dollar) / 100; the other way round, inverted.
      total += target === "UZS" ? divRound(amount * rate, 100n) : divRound(amount * 100n, rate);
    }
  }
  return {
    currency: target,
    amount: missingRates.length > 0 ? null : Number(total),
    ratesUsed: months
      .filter((month) => rates.has(month))
      .map((month) => ({ month, uzsPerUsd: Number(rates.get(month)) })),
    missingRates,
  };
}
