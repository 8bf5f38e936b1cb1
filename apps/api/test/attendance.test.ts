import pino from "pino";
import type request from "supertest";
import { attendance } from "@crm/core";
import { jobRegistry, type JobDeps } from "@crm/jobs";
import { useTestContext } from "./harness";

const ctx = useTestContext();

async function setSetting(key: string, value: string) {
  await ctx.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** The close-attendance job as a runner calls it, at a chosen moment. */
function runCloseJob(now: Date) {
  const deps = {
    db: ctx.db,
    logger: pino({ level: "silent" }),
    now: () => now,
  } as unknown as JobDeps;
  return jobRegistry["close-attendance"].handle({}, deps, { jobId: "test", attempt: 1 } as never);
}

describe("check-in and check-out", () => {
  it("checks in once a day (a second check-in is 409) and out once, only after checking in", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const early = await agent.post("/api/attendance/check-out");
    expect(early.status).toBe(409);

    const first = await agent.post("/api/attendance/check-in");
    expect(first.status).toBe(200);
    expect(first.body.entry).toMatchObject({ checkOut: null, autoClosed: false });
    const second = await agent.post("/api/attendance/check-in");
    expect(second.status).toBe(409);

    const out = await agent.post("/api/attendance/check-out");
    expect(out.status).toBe(200);
    expect(out.body.entry.checkOut).toEqual(expect.any(String));
    expect((await agent.post("/api/attendance/check-out")).status).toBe(409);

    const today = await agent.get("/api/attendance/today");
    expect(today.body.entry.id).toBe(first.body.entry.id);
    expect(
      await ctx.db.auditLog.count({
        where: { entity: "Attendance", entityId: String(first.body.entry.id) },
      }),
    ).toBe(2);
  });

  it("lets only one of several simultaneous check-ins through", async () => {
    const { agent, user } = await ctx.loginAs("MOP");
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => agent.post("/api/attendance/check-in")),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await ctx.db.attendance.count({ where: { userId: user.id } })).toBe(1);
  });

  it("flags a late arrival against the working hours in the settings", async () => {
    await setSetting("attendance.workStart", "09:00");
    await setSetting("attendance.lateGraceMinutes", "10");
    const onTime = await ctx.createUser({ role: "SELLER" });
    const late = await ctx.createUser({ role: "SELLER" });
    // Tashkent is UTC+5: 09:08 local is 04:08Z (within the grace), 09:31 local is 04:31Z.
    const a = await attendance.checkIn(ctx.db, onTime, new Date("2026-03-02T04:08:00Z"));
    const b = await attendance.checkIn(ctx.db, late, new Date("2026-03-02T04:31:00Z"));
    expect(a.entry).toMatchObject({ day: "2026-03-02", lateMinutes: 0 });
    expect(b.entry).toMatchObject({ day: "2026-03-02", lateMinutes: 31 });

    // Over HTTP, with the day starting at midnight and no grace, any check-in now is late.
    await setSetting("attendance.workStart", "00:00");
    await setSetting("attendance.lateGraceMinutes", "0");
    const { agent } = await ctx.loginAs("ROP");
    const res = await agent.post("/api/attendance/check-in");
    const minutesSinceMidnight = Math.floor(((Date.now() + 5 * 3_600_000) % 86_400_000) / 60_000);
    if (minutesSinceMidnight > 0) expect(res.body.entry.lateMinutes).toBeGreaterThan(0);
    await setSetting("attendance.workStart", "09:00");
    await setSetting("attendance.lateGraceMinutes", "10");
  });
});

describe("forgotten check-outs", () => {
  it("are closed at the configured time by the scheduled job and flagged, once", async () => {
    await setSetting("attendance.autoCheckoutAt", "20:00");
    // Days other tests of this file left open are not this test's business.
    await ctx.db.attendance.updateMany({
      where: { checkOut: null },
      data: { checkOut: new Date() },
    });
    const user = await ctx.createUser({ role: "FINANCIER" });
    const other = await ctx.createUser({ role: "FINANCIER" });
    // Checked in at 09:00 local on 2026-04-06, never out; another still at work on the 7th.
    const forgotten = await ctx.db.attendance.create({
      data: { userId: user.id, day: "2026-04-06", checkIn: new Date("2026-04-06T04:00:00Z") },
    });
    const working = await ctx.db.attendance.create({
      data: { userId: other.id, day: "2026-04-07", checkIn: new Date("2026-04-07T04:00:00Z") },
    });
    // 10:00 local on the 7th: the 6th closes at its 20:00 (15:00Z); the 7th stays open.
    const first = await runCloseJob(new Date("2026-04-07T05:00:00Z"));
    expect(first).toEqual({ closed: 1 });
    const closed = await ctx.db.attendance.findUniqueOrThrow({ where: { id: forgotten.id } });
    expect(closed.checkOut?.toISOString()).toBe("2026-04-06T15:00:00.000Z");
    expect(closed.autoClosed).toBe(true);
    expect(
      (await ctx.db.attendance.findUniqueOrThrow({ where: { id: working.id } })).checkOut,
    ).toBeNull();

    expect(await runCloseJob(new Date("2026-04-07T05:01:00Z"))).toEqual({ closed: 0 });
    const audits = await ctx.db.auditLog.findMany({
      where: { action: "attendance.check_out", entityId: String(forgotten.id) },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBeNull();
    expect(JSON.parse(audits[0]!.after!)).toEqual({
      checkOut: "2026-04-06T15:00:00.000Z",
      autoClosed: true,
    });
  });
});

describe("timesheet", () => {
  it("shows days, hours, late and missing days per person; a manager corrects with a reason; CSV export", async () => {
    await setSetting("attendance.workDays", "1,2,3,4,5");
    const person = await ctx.createUser({ role: "SELLER" });
    // March 2025: Mon 3rd 09:00–18:00 local, Tue 4th late 09:45–18:00, the rest missing.
    await ctx.db.attendance.create({
      data: {
        userId: person.id,
        day: "2025-03-03",
        checkIn: new Date("2025-03-03T04:00:00Z"),
        checkOut: new Date("2025-03-03T13:00:00Z"),
      },
    });
    const late = await ctx.db.attendance.create({
      data: {
        userId: person.id,
        day: "2025-03-04",
        checkIn: new Date("2025-03-04T04:45:00Z"),
        checkOut: new Date("2025-03-04T13:00:00Z"),
        lateMinutes: 45,
      },
    });
    const { agent } = await ctx.loginAs("MOP");
    const res = await agent.get(`/api/attendance/timesheet?month=2025-03&userId=${person.id}`);
    expect(res.status).toBe(200);
    expect(res.body.workDays).toHaveLength(21);
    const row = res.body.people[0];
    expect(row).toMatchObject({
      days: 2,
      minutes: 9 * 60 + 8 * 60 + 15,
      lateDays: 1,
      autoClosedDays: 0,
    });
    expect(row.missingDays).toHaveLength(19);
    expect(row.missingDays[0]).toBe("2025-03-05");

    const noReason = await agent
      .patch(`/api/attendance/${late.id}`)
      .send({ checkIn: "2025-03-04T04:00:00Z" });
    expect(noReason.status).toBe(400);
    const wrongDay = await agent
      .patch(`/api/attendance/${late.id}`)
      .send({ checkIn: "2025-03-05T04:00:00Z", reason: "Был на встрече" });
    expect(wrongDay.status).toBe(400);
    const fixed = await agent
      .patch(`/api/attendance/${late.id}`)
      .send({ checkIn: "2025-03-04T04:00:00Z", reason: "Был на встрече с клиентом" });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      lateMinutes: 0,
      correctionReason: "Был на встрече с клиентом",
    });
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "attendance.correct", entityId: String(late.id) },
    });
    expect(JSON.parse(audit.before!)).toMatchObject({
      checkIn: "2025-03-04T04:45:00.000Z",
      lateMinutes: 45,
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      lateMinutes: 0,
      reason: "Был на встрече с клиентом",
    });

    const csv = await agent.get(`/api/attendance/timesheet.csv?month=2025-03&userId=${person.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "employee;role;day;check_in;check_out;hours;late_minutes;auto_closed;corrected;note",
    );
    expect(lines).toHaveLength(1 + 21);
    expect(lines[1]).toMatch(/;SELLER;2025-03-03;09:00;18:00;9\.00;0;;;$/);
    expect(lines[2]).toMatch(/;2025-03-04;09:00;18:00;9\.00;0;;yes;Был на встрече с клиентом$/);
    expect(lines[3]).toMatch(/;2025-03-05;;;;;;;missing$/);
  });
});

describe("manual entries", () => {
  const problem = (res: request.Response, status: number, path?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String) });
    if (path) expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
  };

  it("a manager enters a day with no check-in, with a reason: audited, in the timesheet, late measured", async () => {
    await setSetting("attendance.workDays", "1,2,3,4,5");
    await setSetting("attendance.workStart", "09:00");
    await setSetting("attendance.lateGraceMinutes", "10");
    const person = await ctx.createUser({ role: "SELLER" });
    const { agent, user: mop } = await ctx.loginAs("MOP");
    // Monday 7 April 2025, 09:30–18:00 local (UTC+5), working hours from 09:00 with 10 minutes' grace.
    const res = await agent.post("/api/attendance").send({
      userId: person.id,
      day: "2025-04-07",
      checkIn: "2025-04-07T04:30:00Z",
      checkOut: "2025-04-07T13:00:00Z",
      reason: "Забыл отметиться, был на объекте",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userId: person.id,
      day: "2025-04-07",
      checkIn: "2025-04-07T04:30:00.000Z",
      checkOut: "2025-04-07T13:00:00.000Z",
      lateMinutes: 30,
      correctionReason: "Забыл отметиться, был на объекте",
    });
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "attendance.create", entityId: String(res.body.id) },
    });
    expect(audit.actorId).toBe(mop.id);
    expect(JSON.parse(audit.after!)).toEqual({
      userId: person.id,
      day: "2025-04-07",
      checkIn: "2025-04-07T04:30:00.000Z",
      checkOut: "2025-04-07T13:00:00.000Z",
      lateMinutes: 30,
      reason: "Забыл отметиться, был на объекте",
    });
    const sheet = await agent.get(`/api/attendance/timesheet?month=2025-04&userId=${person.id}`);
    const row = sheet.body.people[0];
    expect(row).toMatchObject({ days: 1, minutes: 8 * 60 + 30, lateDays: 1 });
    expect(row.missingDays).not.toContain("2025-04-07");

    // An admin may too; the check-out may be left open.
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const open = await admin.post("/api/attendance").send({
      userId: person.id,
      day: "2025-04-08",
      checkIn: "2025-04-08T04:00:00Z",
      reason: "Работал из офиса продаж",
    });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ checkOut: null, lateMinutes: 0 });
  });

  it("refuses bad input with a problem body and writes nothing", async () => {
    const person = await ctx.createUser({ role: "SELLER" });
    const { agent } = await ctx.loginAs("MOP");
    const valid = {
      userId: person.id,
      day: "2025-04-09",
      checkIn: "2025-04-09T04:00:00Z",
      checkOut: "2025-04-09T13:00:00Z",
      reason: "Забыл отметиться",
    };
    const post = (body: Record<string, unknown>) => agent.post("/api/attendance").send(body);
    const { reason: _reason, ...noReason } = valid;
    problem(await post(noReason), 400, "reason");
    problem(await post({ ...valid, reason: "   " }), 400, "reason");
    problem(await post({ ...valid, day: "2025-02-30" }), 400, "day");
    problem(await post({ ...valid, extra: 1 }), 400);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const tomorrowKey = new Date(tomorrow.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    problem(
      await post({ ...valid, day: tomorrowKey, checkIn: tomorrow.toISOString(), checkOut: null }),
      400,
      "day",
    );
    problem(
      await post({ ...valid, checkIn: "2025-04-10T04:00:00Z", checkOut: null }),
      400,
      "checkIn",
    );
    problem(await post({ ...valid, checkOut: "2025-04-09T03:00:00Z" }), 400, "checkOut");
    problem(await post({ ...valid, checkOut: valid.checkIn }), 400, "checkOut");
    problem(await post({ ...valid, checkOut: "2025-04-10T05:00:00Z" }), 400, "checkOut");
    problem(await post({ ...valid, userId: 987_654 }), 404);
    expect(await ctx.db.attendance.count({ where: { userId: person.id } })).toBe(0);

    // Times later than now on today's date.
    const now = new Date("2026-03-02T07:00:00Z");
    await expect(
      attendance.createEntry(
        ctx.db,
        { id: 1, role: "MOP" } as never,
        { ...valid, day: "2026-03-02", checkIn: "2026-03-02T08:00:00Z", checkOut: null },
        now,
      ),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });

    // A day that already has an entry is corrected, not entered again.
    expect((await post(valid)).status).toBe(201);
    problem(await post({ ...valid, checkIn: "2025-04-09T04:30:00Z" }), 409);
    expect(await ctx.db.attendance.count({ where: { userId: person.id } })).toBe(1);
  });

  it("only MOP and admins enter days", async () => {
    const person = await ctx.createUser({ role: "SELLER" });
    for (const role of ["SELLER", "ROP", "FINANCIER"] as const) {
      const { agent, user } = await ctx.loginAs(role);
      const res = await agent.post("/api/attendance").send({
        userId: role === "SELLER" ? user.id : person.id,
        day: "2025-04-10",
        checkIn: "2025-04-10T04:00:00Z",
        reason: "Сам себе",
      });
      problem(res, 403);
    }
    expect(await ctx.db.attendance.count({ where: { day: "2025-04-10" } })).toBe(0);
  });
});
