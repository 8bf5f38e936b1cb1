/**
 * The installment schedule of a contract, shared by the API (which stores it) and the SPA (which
 * previews it) so both always agree. Amounts are integer minor units; instalments are whole
 * currency units (100 minor units) and the last one absorbs the rounding, so the schedule sums
 * to the price exactly.
 */
export interface ScheduleInput {
  /** Total price, minor units. */
  price: number;
  /** Paid at signing, minor units, 0 ≤ downPayment ≤ price. */
  downPayment: number;
  /** Monthly instalments after the down payment; 0 means the down payment is the whole price. */
  months: number;
  /** Signing date: the down payment is due on it, instalment k on the same day k months later. */
  start: Date;
}

export interface ScheduleRow {
  seq: number;
  kind: "DOWN_PAYMENT" | "INSTALLMENT";
  amount: number;
  dueDate: Date;
}

const UNIT = 100;

/** The same day of the month `months` later, clamped to the month's last day (31 Jan → 28 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
    ),
  );
}

export function scheduleProblem(input: Omit<ScheduleInput, "start">): string | null {
  const { price, downPayment, months } = input;
  if (!Number.isSafeInteger(price) || price <= 0)
    return "The price must be a positive whole amount";
  if (!Number.isSafeInteger(downPayment) || downPayment < 0 || downPayment > price) {
    return "The down payment must be between 0 and the price";
  }
  if (!Number.isInteger(months) || months < 0 || months > 360)
    return "Months must be between 0 and 360";
  if (months === 0 && downPayment !== price)
    return "Without instalments the down payment is the whole price";
  if (months > 0 && price - downPayment < months * UNIT) {
    return "Each instalment must be at least one currency unit";
  }
  return null;
}

export function installmentSchedule(input: ScheduleInput): ScheduleRow[] {
  const problem = scheduleProblem(input);
  if (problem) throw new RangeError(problem);
  const { price, downPayment, months, start } = input;
  const rows: ScheduleRow[] = [];
  if (downPayment > 0)
    rows.push({ seq: 0, kind: "DOWN_PAYMENT", amount: downPayment, dueDate: start });
  const rest = price - downPayment;
  if (months > 0) {
    const base = Math.floor(rest / months / UNIT) * UNIT;
    for (let k = 1; k <= months; k++) {
      rows.push({
        seq: k,
        kind: "INSTALLMENT",
        amount: k === months ? rest - base * (months - 1) : base,
        dueDate: addMonths(start, k),
      });
    }
  }
  return rows;
}
