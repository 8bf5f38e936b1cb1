import type { TAttendanceEntry, TAttendanceToday, TTimesheet } from "@crm/contracts";
import type { AttendanceModel as Attendance, Db } from "@crm/db";
import type { Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { AppError, notFound } from "../errors";
import { localDayKey, localDayStart, TASHKENT_OFFSET_MINUTES } from "../local-time";
import { readSettings } from "../settings/settings";

/**
 * Attendance: one entry per person and local day (a unique key, so a second check-in — also one
 * sent at the same moment — is a 409), checked out once; late against the working hours in the
 * settings; a day left open closed by the schedule at the configured time and flagged.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

type SettingsDb = Pick<Db, "setting">;

export async function attendanceSettings(db: SettingsDb) {
  const values = await readSettings(db, [
    "attendance.workStart",
    "attendance.workEnd",
    "attendance.lateGraceMinutes",
    "attendance.autoCheckoutAt",
    "attendance.workDays",
  ]);
  return {
    workStart: values["attendance.workStart"],
    workEnd: values["attendance.workEnd"],
    lateGraceMinutes: values["attendance.lateGraceMinutes"],
    autoCheckoutAt: values["attendance.autoCheckoutAt"],
    workDays: values["attendance.workDays"].split(",").map(Number),
  };
}

/** The instant a local day's clock time (HH:MM) falls on. */
function atClock(day: string, clock: string): Date {
  const [hours, minutes] = clock.split(":").map(Number) as [number, number];
  return new Date(localDayStart(day).getTime() + (hours * 60 + minutes) * MINUTE);
}

/** Minutes late: after the start of the day plus the grace (0 within it). */
function lateMinutesAt(
  checkIn: Date,
  day: string,
  settings: { workStart: string; lateGraceMinutes: number },
): number {
  const start = atClock(day, settings.workStart).getTime();
  const late = Math.floor((checkIn.getTime() - start) / MINUTE);
  return late > settings.lateGraceMinutes ? late : 0;
}

export function toEntry(row: Attendance): TAttendanceEntry {
  return {
    id: row.id,
    userId: row.userId,
    day: row.day,
    checkIn: row.checkIn.toISOString(),
    checkOut: row.checkOut?.toISOString() ?? null,
    lateMinutes: row.lateMinutes,
    autoClosed: row.autoClosed,
    correctedAt: row.correctedAt?.toISOString() ?? null,
    correctionReason: row.correctionReason,
  };
}

/** The user's entry for today (local day) and the hours it is measured by. */
export async function attendanceToday(
  db: Pick<Db, "attendance" | "setting">,
  userId: number,
  now = new Date(),
): Promise<TAttendanceToday> {
  const day = localDayKey(now, TASHKENT_OFFSET_MINUTES);
  const [entry, settings] = await Promise.all([
    db.attendance.findUnique({ where: { userId_day: { userId, day } } }),
    attendanceSettings(db),
  ]);
  return {
    day,
    entry: entry ? toEntry(entry) : null,
    workStart: settings.workStart,
    workEnd: settings.workEnd,
    autoCheckoutAt: settings.autoCheckoutAt,
  };
}

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";

export async function checkIn(db: Db, actor: Actor, now = new Date()) {
  const day = localDayKey(now);
  const settings = await attendanceSettings(db);
  const lateMinutes = lateMinutesAt(now, day, settings);
  try {
    await db.$transaction(async (tx) => {
      const row = await tx.attendance.create({
        data: { userId: actor.id, day, checkIn: now, lateMinutes },
      });
      await audit(tx, actor, {
        action: "attendance.check_in",
        entityId: row.id,
        after: { day, checkIn: now.toISOString(), lateMinutes },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", { detail: "You have already checked in today" });
    throw error;
  }
  return attendanceToday(db, actor.id, now);
}

export async function checkOut(db: Db, actor: Actor, now = new Date()) {
  const day = localDayKey(now);
  await db.$transaction(async (tx) => {
    const entry = await tx.attendance.findUnique({
      where: { userId_day: { userId: actor.id, day } },
    });
    if (!entry) throw new AppError("CONFLICT", { detail: "Check in first" });
    const closed = await tx.attendance.updateMany({
      where: { id: entry.id, checkOut: null },
      data: { checkOut: now },
    });
    if (closed.count === 0)
      throw new AppError("CONFLICT", { detail: "You have already checked out today" });
    await audit(tx, actor, {
      action: "attendance.check_out",
      entityId: entry.id,
      after: { checkOut: now.toISOString(), autoClosed: false },
    });
  });
  return attendanceToday(db, actor.id, now);
}

/**
 * Closes the days nobody checked out of, at the configured time of that day (or at the day's
 * end when the check-in came later), once that moment has passed; each is flagged. Conditional
 * on the entry still being open, so a repeated run changes nothing twice. Returns how many.
 */
export async function closeForgottenCheckouts(
  db: Db,
  now = new Date(),
  actor: AuditActor = { id: null },
): Promise<number> {
  const settings = await attendanceSettings(db);
  const open = await db.attendance.findMany({
    where: { checkOut: null, day: { lte: localDayKey(now) } },
    orderBy: { id: "asc" },
    take: 500,
  });
  let closed = 0;
  for (const entry of open) {
    let closeAt = atClock(entry.day, settings.autoCheckoutAt);
    if (closeAt <= entry.checkIn)
      closeAt = new Date(localDayStart(entry.day).getTime() + DAY - MINUTE);
    if (closeAt > now) continue;
    await db.$transaction(async (tx) => {
      const updated = await tx.attendance.updateMany({
        where: { id: entry.id, checkOut: null },
        data: { checkOut: closeAt, autoClosed: true },
      });
      if (updated.count === 0) return;
      closed += 1;
      await audit(tx, actor, {
        action: "attendance.check_out",
        entityId: entry.id,
        after: { checkOut: closeAt.toISOString(), autoClosed: true },
      });
    });
  }
  return closed;
}

const timeError = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", {
    detail: message,
    errors: [{ path, message, code: "invalid_time" }],
  });

/**
 * The times of a day's entry, entered or corrected by a manager: the check-in on that local
 * day, the check-out after it and within 24 hours, neither in the future.
 */
function checkTimes(day: string, checkInAt: Date, checkOutAt: Date | null, now: Date): void {
  if (localDayKey(checkInAt) !== day)
    throw timeError("checkIn", `The check-in must fall on ${day} (local time)`);
  if (checkOutAt && checkOutAt <= checkInAt)
    throw timeError("checkOut", "The check-out must follow the check-in");
  if (checkOutAt && checkOutAt.getTime() - checkInAt.getTime() > DAY)
    throw timeError("checkOut", "A working day lasts less than 24 hours");
  if (checkInAt > now || (checkOutAt && checkOutAt > now))
    throw timeError("checkIn", "Times cannot be in the future");
}

/**
 * A manager enters a day a person has no entry for (forgot to check in, worked off-site), with
 * a reason; it reads as corrected in the timesheet. One entry per person and day: a day that
 * already has one is a 409 (correct that one instead).
 */
export async function createEntry(
  db: Db,
  actor: Actor,
  input: { userId: number; day: string; checkIn: string; checkOut?: string | null; reason: string },
  now = new Date(),
): Promise<TAttendanceEntry> {
  if (input.day > localDayKey(now)) throw timeError("day", "The day is in the future");
  const checkInAt = new Date(input.checkIn);
  const checkOutAt = input.checkOut ? new Date(input.checkOut) : null;
  checkTimes(input.day, checkInAt, checkOutAt, now);
  try {
    return await db.$transaction(async (tx) => {
      if (!(await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } })))
        throw notFound("User");
      if (
        await tx.attendance.findUnique({
          where: { userId_day: { userId: input.userId, day: input.day } },
        })
      )
        throw duplicateDay(input.day);
      const lateMinutes = lateMinutesAt(checkInAt, input.day, await attendanceSettings(tx));
      const row = await tx.attendance.create({
        data: {
          userId: input.userId,
          day: input.day,
          checkIn: checkInAt,
          checkOut: checkOutAt,
          lateMinutes,
          correctedAt: now,
          correctedById: actor.id,
          correctionReason: input.reason,
        },
      });
      await audit(tx, actor, {
        action: "attendance.create",
        entityId: row.id,
        after: {
          userId: input.userId,
          day: input.day,
          checkIn: checkInAt.toISOString(),
          checkOut: checkOutAt?.toISOString() ?? null,
          lateMinutes,
          reason: input.reason,
        },
      });
      return toEntry(row);
    });
  } catch (error) {
    // Two managers entering the same day at once: the unique key lets one through.
    if (isUniqueViolation(error)) throw duplicateDay(input.day);
    throw error;
  }
}

const duplicateDay = (day: string) =>
  new AppError("CONFLICT", { detail: `There is already an entry for ${day}; correct it instead` });

/** A manager corrects an entry's times, with a reason; lateness is measured again. */
export async function correctEntry(
  db: Db,
  actor: Actor,
  id: number,
  input: { checkIn?: string; checkOut?: string | null; reason: string },
  now = new Date(),
): Promise<TAttendanceEntry> {
  return db.$transaction(async (tx) => {
    const before = await tx.attendance.findUnique({ where: { id } });
    if (!before) throw notFound("Attendance entry");
    const checkInAt = input.checkIn ? new Date(input.checkIn) : before.checkIn;
    const checkOutAt =
      input.checkOut === undefined
        ? before.checkOut
        : input.checkOut === null
          ? null
          : new Date(input.checkOut);
    checkTimes(before.day, checkInAt, checkOutAt, now);
    const settings = await attendanceSettings(tx);
    const lateMinutes = lateMinutesAt(checkInAt, before.day, settings);
    const updated = await tx.attendance.updateMany({
      where: { id, updatedAt: before.updatedAt },
      data: {
        checkIn: checkInAt,
        checkOut: checkOutAt,
        lateMinutes,
        // A forgotten check-out stays flagged when a manager sets the real time.
        autoClosed: checkOutAt ? before.autoClosed : false,
        correctedAt: now,
        correctedById: actor.id,
        correctionReason: input.reason,
      },
    });
    if (updated.count === 0)
      throw new AppError("CONFLICT", { detail: "The entry changed meanwhile; reload" });
    await audit(tx, actor, {
      action: "attendance.correct",
      entityId: id,
      before: {
        checkIn: before.checkIn.toISOString(),
        checkOut: before.checkOut?.toISOString() ?? null,
        lateMinutes: before.lateMinutes,
      },
      after: {
        checkIn: checkInAt.toISOString(),
        checkOut: checkOutAt?.toISOString() ?? null,
        lateMinutes,
        reason: input.reason,
      },
    });
    return toEntry(await tx.attendance.findUniqueOrThrow({ where: { id } }));
  });
}

/** The days of a month (YYYY-MM-DD), up to today when the month is the current one. */
function workDaysOf(month: string, workDays: number[], today: string): string[] {
  const [year, monthIndex] = month.split("-").map(Number) as [number, number];
  const days: string[] = [];
  for (let d = 1; d <= 31; d += 1) {
    const date = new Date(Date.UTC(year, monthIndex - 1, d));
    if (date.getUTCMonth() !== monthIndex - 1) break;
    const key = date.toISOString().slice(0, 10);
    if (key > today) break;
    const iso = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    if (workDays.includes(iso)) days.push(key);
  }
  return days;
}

/**
 * A month's timesheet per active staff member (or one person): days present, minutes worked on
 * closed days, late days, days closed by the schedule, and working days without a check-in.
 */
export async function timesheet(
  db: Pick<Db, "attendance" | "user" | "setting">,
  query: { month: string; userId?: number },
  now = new Date(),
): Promise<TTimesheet> {
  const settings = await attendanceSettings(db);
  const today = localDayKey(now);
  const workDays = workDaysOf(query.month, settings.workDays, today);
  const [users, entries] = await Promise.all([
    db.user.findMany({
      where: query.userId ? { id: query.userId } : { isActive: true },
      select: { id: true, firstName: true, lastName: true, role: { select: { code: true } } },
      orderBy: [{ firstName: "asc" }, { lastName: "asc" }, { id: "asc" }],
    }),
    db.attendance.findMany({
      where: {
        day: { gte: `${query.month}-01`, lte: `${query.month}-31` },
        ...(query.userId ? { userId: query.userId } : {}),
      },
      orderBy: [{ day: "asc" }],
    }),
  ]);
  const byUser = new Map<number, Attendance[]>();
  for (const entry of entries)
    byUser.set(entry.userId, [...(byUser.get(entry.userId) ?? []), entry]);
  return {
    month: query.month,
    workDays,
    people: users.map((user) => {
      const own = byUser.get(user.id) ?? [];
      const present = new Set(own.map((entry) => entry.day));
      return {
        user: {
          id: user.id,
          name: `${user.firstName} ${user.lastName}`.trim(),
          role: user.role.code,
        },
        days: own.length,
        minutes: own.reduce(
          (sum, entry) =>
            sum +
            (entry.checkOut
              ? Math.floor((entry.checkOut.getTime() - entry.checkIn.getTime()) / MINUTE)
              : 0),
          0,
        ),
        lateDays: own.filter((entry) => entry.lateMinutes > 0).length,
        autoClosedDays: own.filter((entry) => entry.autoClosed).length,
        // Today is not missing yet: the day is not over.
        missingDays: workDays.filter((day) => !present.has(day) && day !== today),
        entries: own.map(toEntry),
      };
    }),
  };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The timesheet as CSV (semicolons, as spreadsheet programs in the region open it): a line per person and day. */
export async function timesheetCsv(
  db: Pick<Db, "attendance" | "user" | "setting">,
  query: { month: string; userId?: number },
  now = new Date(),
): Promise<string> {
  const sheet = await timesheet(db, query, now);
  const clock = (iso: string | null) =>
    iso
      ? new Date(new Date(iso).getTime() + TASHKENT_OFFSET_MINUTES * MINUTE)
          .toISOString()
          .slice(11, 16)
      : "";
  const lines = [
    [
      "employee",
      "role",
      "day",
      "check_in",
      "check_out",
      "hours",
      "late_minutes",
      "auto_closed",
      "corrected",
      "note",
    ],
  ];
  for (const person of sheet.people) {
    const entries = new Map(person.entries.map((entry) => [entry.day, entry]));
    const days = [...new Set([...sheet.workDays, ...entries.keys()])].sort();
    for (const day of days) {
      const entry = entries.get(day);
      const minutes = entry?.checkOut
        ? Math.floor((Date.parse(entry.checkOut) - Date.parse(entry.checkIn)) / MINUTE)
        : 0;
      lines.push([
        person.user.name,
        person.user.role,
        day,
        clock(entry?.checkIn ?? null),
        clock(entry?.checkOut ?? null),
        entry?.checkOut ? (minutes / 60).toFixed(2) : "",
        entry ? String(entry.lateMinutes) : "",
        entry?.autoClosed ? "yes" : "",
        entry?.correctedAt ? "yes" : "",
        entry ? (entry.correctionReason ?? "") : person.missingDays.includes(day) ? "missing" : "",
      ]);
    }
  }
  return "\uFEFF" + lines.map((line) => line.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
