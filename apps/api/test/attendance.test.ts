import pino from "pino";
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
