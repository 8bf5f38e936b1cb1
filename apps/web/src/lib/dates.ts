/**
 * Dates in the URL and in date inputs are local calendar days ("2025-03-01"); the API wants
 * instants. A day range [from, to] becomes [start of `from`, start of the day after `to`), the
 * half-open interval the API filters on (createdAt >= from AND createdAt < to).
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string | null | undefined): value is string {
  if (!value) return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.getDate() === Number(match[3]);
}

function localDate(day: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** The instant a local day starts. */
export function dayStartIso(day: string): string {
  return localDate(day).toISOString();
}

/** The instant the local day after `day` starts: the exclusive end of a range ending on `day`. */
export function dayEndIso(day: string): string {
  const date = localDate(day);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** A Date as a local "YYYY-MM-DD". */
export function toDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const date = localDate(day);
  date.setDate(date.getDate() + days);
  return toDay(date);
}

/** An ISO instant as the value of `<input type="datetime-local">` (local time, minutes). */
export function toDateTimeLocal(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${toDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (read as local time) as an ISO instant; null if it is not one. */
export function fromDateTimeLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Minutes east of UTC, as the API's `tzOffset` wants it (getTimezoneOffset is west). */
export function tzOffsetMinutes(date = new Date()): number {
  return -date.getTimezoneOffset();
}
