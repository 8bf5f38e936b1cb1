import { z } from "zod";
import { text, ZId, ZIsoDateTime, ZMonth } from "./common";
import { ZDay } from "./expenses";
import { defineRoute } from "./routes";

/** Who sees everyone's timesheet and corrects it. */
export const TIMESHEET_ROLES = ["ADMIN", "MOP"] as const;

export const ZAttendanceEntry = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  /** The local working day, YYYY-MM-DD. */
  day: z.string(),
  checkIn: z.string(),
  checkOut: z.string().nullable(),
  /** Minutes late against the working hours in the settings (0: on time). */
  lateMinutes: z.number().int(),
  /** Nobody checked out: closed by the schedule at the configured time. */
  autoClosed: z.boolean(),
  correctedAt: z.string().nullable(),
  correctionReason: z.string().nullable(),
});
export type TAttendanceEntry = z.infer<typeof ZAttendanceEntry>;

/** The signed-in user's day: today's entry (if any) and the working hours it is measured by. */
export const ZAttendanceToday = z.object({
  day: z.string(),
  entry: ZAttendanceEntry.nullable(),
  workStart: z.string(),
  workEnd: z.string(),
  autoCheckoutAt: z.string(),
});
export type TAttendanceToday = z.infer<typeof ZAttendanceToday>;

export const ZTimesheetQuery = z.strictObject({
  month: ZMonth,
  userId: ZId.optional(),
});

export const ZTimesheetPerson = z.object({
  user: z.object({ id: z.number().int(), name: z.string(), role: z.string() }),
  /** Days present (checked in). */
  days: z.number().int(),
  /** Minutes worked on closed days. */
  minutes: z.number().int(),
  lateDays: z.number().int(),
  autoClosedDays: z.number().int(),
  /** Working days of the month so far (by the settings) with no check-in. */
  missingDays: z.array(z.string()),
  entries: z.array(ZAttendanceEntry),
});
export const ZTimesheet = z.object({
  month: z.string(),
  workDays: z.array(z.string()),
  people: z.array(ZTimesheetPerson),
});
export type TTimesheet = z.infer<typeof ZTimesheet>;

export const ZCorrectAttendanceRequest = z
  .strictObject({
    checkIn: ZIsoDateTime.optional(),
    checkOut: ZIsoDateTime.nullable().optional(),
    reason: text(500),
  })
  .refine((body) => body.checkIn !== undefined || body.checkOut !== undefined, "Nothing to change");

/** A manager enters a day nobody checked in for (times in local days' instants), with a reason. */
export const ZCreateAttendanceRequest = z.strictObject({
  userId: ZId,
  day: ZDay,
  checkIn: ZIsoDateTime,
  checkOut: ZIsoDateTime.nullable().optional(),
  reason: text(500),
});

export const attendanceRoutes = {
  today: defineRoute({
    method: "get",
    path: "/api/attendance/today",
    summary: "The signed-in user's attendance today",
    tag: "attendance",
    access: "authenticated",
    status: 200,
    response: ZAttendanceToday,
  }),
  checkIn: defineRoute({
    method: "post",
    path: "/api/attendance/check-in",
    summary: "Check in for today (once a day; a second check-in is refused with 409)",
    tag: "attendance",
    access: "authenticated",
    status: 200,
    response: ZAttendanceToday,
    problems: [409],
  }),
  checkOut: defineRoute({
    method: "post",
    path: "/api/attendance/check-out",
    summary: "Check out for today (only after checking in, once)",
    tag: "attendance",
    access: "authenticated",
    status: 200,
    response: ZAttendanceToday,
    problems: [409],
  }),
  timesheet: defineRoute({
    method: "get",
    path: "/api/attendance/timesheet",
    summary: "Monthly timesheet per person: days, hours, late days, missing days",
    tag: "attendance",
    access: TIMESHEET_ROLES,
    query: ZTimesheetQuery,
    status: 200,
    response: ZTimesheet,
  }),
  timesheetCsv: defineRoute({
    method: "get",
    path: "/api/attendance/timesheet.csv",
    summary: "The monthly timesheet as CSV (one line per person and day)",
    tag: "attendance",
    access: TIMESHEET_ROLES,
    query: ZTimesheetQuery,
    status: 200,
    response: null,
    produces: "text/csv",
  }),
  create: defineRoute({
    method: "post",
    path: "/api/attendance",
    summary: "Enter a day with no check-in for a person, with a reason (audited)",
    tag: "attendance",
    access: TIMESHEET_ROLES,
    body: ZCreateAttendanceRequest,
    status: 201,
    response: ZAttendanceEntry,
    problems: [404, 409],
  }),
  correct: defineRoute({
    method: "patch",
    path: "/api/attendance/:id",
    summary: "Correct an entry's times, with a reason (audited)",
    tag: "attendance",
    access: TIMESHEET_ROLES,
    params: z.strictObject({ id: ZId }),
    body: ZCorrectAttendanceRequest,
    status: 200,
    response: ZAttendanceEntry,
    problems: [404, 409],
  }),
};
