import {
  addMonths,
  discountPct,
  installmentSchedule,
  minDownPayment,
  needsApproval,
  scheduleProblem,
} from "@crm/contracts";
import { prng } from "@crm/db";

describe("installment schedule", () => {
  it("sums exactly to the price, in whole units but the last, for 2,000 random terms", () => {
    const random = prng(7);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const price = Math.floor(random() * 5_000_000_000_00) + 100;
      const months = Math.floor(random() * 121);
      const downPayment = months === 0 ? price : Math.floor(random() * price);
      const start = new Date(
        Date.UTC(2026, Math.floor(random() * 12), 1 + Math.floor(random() * 31)),
      );
      if (scheduleProblem({ price, downPayment, months })) continue;
      const rows = installmentSchedule({ price, downPayment, months, start });
      expect(rows.reduce((sum, row) => sum + row.amount, 0)).toBe(price);
      expect(rows.every((row) => row.amount > 0)).toBe(true);
      expect(rows.filter((row) => row.kind === "INSTALLMENT")).toHaveLength(months);
      const instalments = rows.filter((row) => row.kind === "INSTALLMENT");
      expect(
        instalments
          .slice(0, -1)
          .every((row) => row.amount % 100 === 0 && row.amount === instalments[0]!.amount),
      ).toBe(true);
      for (let k = 1; k < rows.length; k++)
        expect(rows[k]!.dueDate.getTime()).toBeGreaterThan(rows[k - 1]!.dueDate.getTime());
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it("puts the down payment on the start date and instalments on the same day each month", () => {
    const rows = installmentSchedule({
      price: 120_000_00,
      downPayment: 30_000_00,
      months: 3,
      start: new Date("2026-01-31T09:00:00Z"),
    });
    expect(
      rows.map((row) => [row.kind, row.amount, row.dueDate.toISOString().slice(0, 10)]),
    ).toEqual([
      ["DOWN_PAYMENT", 30_000_00, "2026-01-31"],
      ["INSTALLMENT", 30_000_00, "2026-02-28"],
      ["INSTALLMENT", 30_000_00, "2026-03-31"],
      ["INSTALLMENT", 30_000_00, "2026-04-30"],
    ]);
  });

  it("refuses impossible terms", () => {
    expect(scheduleProblem({ price: 100_00, downPayment: 200_00, months: 2 })).toMatch(
      /between 0 and the price/,
    );
    expect(scheduleProblem({ price: 100_00, downPayment: 50_00, months: 0 })).toMatch(
      /whole price/,
    );
    expect(scheduleProblem({ price: 100_00, downPayment: 99_99, months: 2 })).toMatch(
      /at least one currency unit/,
    );
    expect(addMonths(new Date("2028-01-31T00:00:00Z"), 1).toISOString().slice(0, 10)).toBe(
      "2028-02-29",
    );
  });
});

describe("price policy arithmetic (shared by the API and the contract form)", () => {
  it("cuts the discount to two decimals, so a hair over the limit still passes it", () => {
    expect(discountPct(100_000_00, 97_000_00)).toBe(3);
    // 3.009 % off: cut to 3 %, within a 3 % limit.
    expect(discountPct(100_000_00, 96_991_00)).toBe(3);
    expect(needsApproval(discountPct(100_000_00, 96_991_00), 3)).toBe(false);
    expect(discountPct(100_000_00, 96_990_00)).toBe(3.01);
    expect(needsApproval(discountPct(100_000_00, 96_990_00), 3)).toBe(true);
    expect(discountPct(100_000_00, 110_000_00)).toBe(-10);
    expect(discountPct(0, 5_00)).toBe(0);
  });

  it("is exact at the top of the money range (BigInt or number in)", () => {
    const list = 10 ** 14;
    expect(discountPct(list, list - 1)).toBe(0);
    expect(discountPct(list, list - 10 ** 10)).toBe(0.01);
    expect(discountPct(BigInt(list), BigInt(list / 2))).toBe(50);
  });

  it("has no limit for roles without one, and rounds the smallest down payment up", () => {
    expect(needsApproval(99, null)).toBe(false);
    expect(minDownPayment(85_000_50, 10)).toBe(8_500_05);
    expect(minDownPayment(85_000_51, 10)).toBe(8_500_06);
    expect(minDownPayment(100_00, 0)).toBe(0);
  });
});
