/** Months and days for the back-office filters, in the browser's local calendar. */
const pad = (value: number) => String(value).padStart(2, "0");

export function currentMonth(date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

export function addMonths(month: string, months: number): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  const date = new Date(year, index - 1 + months, 1);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

export function lastDayOf(month: string): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return `${month}-${pad(new Date(year, index, 0).getDate())}`;
}

export const isMonth = (value: string | null): value is string =>
  value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
export const isDayValue = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
