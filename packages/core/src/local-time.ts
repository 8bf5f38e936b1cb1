import { Prisma, type DbProvider } from "@crm/db";

/**
 * Local time for a sales office, Tashkent (UTC+5) unless a client says otherwise: where "today"
 * starts and ends, and the SQL that buckets a timestamp column by local day, week or month.
 */
export const TASHKENT_OFFSET_MINUTES = 300;

/** Today in the caller's time zone, as UTC instants [start, end). */
export function localDay(
  now: Date,
  offsetMinutes = TASHKENT_OFFSET_MINUTES,
): { start: Date; end: Date } {
  const shifted = new Date(now.getTime() + offsetMinutes * 60_000);
  const midnight = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  const start = new Date(midnight - offsetMinutes * 60_000);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

export type Period = "day" | "week" | "month";

/**
 * A text key for the local day (YYYY-MM-DD), week (its Monday, YYYY-MM-DD) or month (YYYY-MM)
 * of `column`, in each dialect. `column` is trusted SQL (a quoted column name), never input.
 */
export function localPeriodSql(
  provider: DbProvider,
  column: string,
  period: Period,
  offsetMinutes: number,
): Prisma.Sql {
  const minutes = Math.trunc(offsetMinutes);
  if (provider === "sqlite") {
    const local = Prisma.raw(`datetime(${column}, '${minutes >= 0 ? "+" : ""}${minutes} minutes')`);
    if (period === "day") return Prisma.sql`date(${local})`;
    if (period === "week") return Prisma.sql`date(${local}, 'weekday 0', '-6 days')`;
    return Prisma.sql`strftime('%Y-%m', ${local})`;
  }
  const local = Prisma.raw(`(${column} + interval '${minutes} minutes')`);
  if (period === "day") return Prisma.sql`to_char(${local}, 'YYYY-MM-DD')`;
  if (period === "week") return Prisma.sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
  return Prisma.sql`to_char(${local}, 'YYYY-MM')`;
}

/** A calendar month (`YYYY-MM`) in the office's time zone, as UTC instants [start, end). */
export function localMonth(
  month: string,
  offsetMinutes = TASHKENT_OFFSET_MINUTES,
): { start: Date; end: Date } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const shift = offsetMinutes * 60_000;
  return {
    start: new Date(Date.UTC(year, monthNumber - 1, 1) - shift),
    end: new Date(Date.UTC(year, monthNumber, 1) - shift),
  };
}

/** The local month (`YYYY-MM`) an instant falls in, `delta` months later (or earlier). */
export function localMonthKey(now: Date, delta = 0, offsetMinutes = TASHKENT_OFFSET_MINUTES) {
  const shifted = new Date(now.getTime() + offsetMinutes * 60_000);
  const d = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The UTC instant a local calendar day (YYYY-MM-DD) starts at. */
export function localDayStart(day: string, offsetMinutes = TASHKENT_OFFSET_MINUTES): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) - offsetMinutes * 60_000);
}

/** The local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDayKey(instant: Date, offsetMinutes = TASHKENT_OFFSET_MINUTES): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
