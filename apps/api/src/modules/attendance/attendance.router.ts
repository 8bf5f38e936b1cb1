import { Router } from "express";
import { attendanceRoutes } from "@crm/contracts";
import { attendance } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function attendanceRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, attendanceRoutes.today, ({ user }) => attendance.attendanceToday(db, user.id));
  mount(router, attendanceRoutes.checkIn, ({ user }) => attendance.checkIn(db, user));
  mount(router, attendanceRoutes.checkOut, ({ user }) => attendance.checkOut(db, user));
  mount(router, attendanceRoutes.timesheet, ({ query }) => attendance.timesheet(db, query));
  mount(router, attendanceRoutes.timesheetCsv, async ({ query, res }) => {
    const csv = await attendance.timesheetCsv(db, query);
    res
      .status(200)
      .type("text/csv; charset=utf-8")
      .setHeader("Content-Disposition", `attachment; filename="timesheet-${query.month}.csv"`)
      .end(csv);
  });
  mount(router, attendanceRoutes.create, ({ user, body }) =>
    attendance.createEntry(db, user, body),
  );
  mount(router, attendanceRoutes.correct, ({ user, params, body }) =>
    attendance.correctEntry(db, user, params.id, body),
  );
  return router;
}
