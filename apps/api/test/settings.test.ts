import request from "supertest";
import { useTestContext } from "./harness";

const ctx = useTestContext();

const auditRows = () =>
  ctx.db.auditLog.findMany({ where: { action: "setting.update" }, orderBy: { id: "asc" } });

describe("settings screen API", () => {
  it("reads every setting with its default", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent.get("/api/settings");
    expect(res.status).toBe(200);
    expect(res.body.values).toMatchObject({
      "booking.defaultDays": 3,
      "company.taxId": "000000000",
      "company.account": "",
      "attendance.workStart": "09:00",
    });
  });

  it("saves valid values, audits each changed key, and applies them at once", async () => {
    const { agent, user } = await ctx.loginAs("ADMIN");
    const before = (await auditRows()).length;
    const res = await agent.patch("/api/settings").send({
      "company.name": "ООО «Тест Девелопмент»",
      "company.taxId": "123456789",
      "company.account": "20208000900123456001",
      "company.mfo": "00440",
      "booking.defaultDays": 5,
      "attendance.workStart": "08:30",
      "notifications.defaults": { "lead.assigned": { email: false, telegram: true } },
    });
    expect(res.status).toBe(200);
    expect(res.body.values["company.account"]).toBe("20208000900123456001");

    const again = await agent.get("/api/settings");
    expect(again.body.values["booking.defaultDays"]).toBe(5);
    expect(again.body.values["attendance.workStart"]).toBe("08:30");
    // The hold policy every user reads takes the new default at once.
    const { agent: seller } = await ctx.loginAs("SELLER");
    expect((await seller.get("/api/settings/policy")).body.booking.defaultDays).toBe(5);
    // So do the notification defaults of users who never chose.
    const profile = await seller.get("/api/profile");
    expect(profile.body.notificationPrefs["lead.assigned"]).toEqual({
      email: false,
      telegram: true,
    });

    const rows = (await auditRows()).slice(before);
    expect(rows.map((row) => row.entityId).sort()).toEqual(
      [
        "booking.defaultDays",
        "company.account",
        "company.mfo",
        "company.name",
        "company.taxId",
        "notifications.defaults",
        "attendance.workStart",
      ].sort(),
    );
    const taxId = rows.find((row) => row.entityId === "company.taxId")!;
    expect(taxId.actorId).toBe(user.id);
    expect(taxId.entity).toBe("Setting");
    expect(JSON.parse(taxId.before!)).toEqual({ value: "000000000" });
    expect(JSON.parse(taxId.after!)).toEqual({ value: "123456789" });

    // Saving the same values again changes and audits nothing.
    const count = (await auditRows()).length;
    expect((await agent.patch("/api/settings").send({ "company.taxId": "123456789" })).status).toBe(
      200,
    );
    expect(await auditRows()).toHaveLength(count);
  });

  it.each([
    [{ "company.taxId": "12345" }, "company.taxId"],
    [{ "company.account": "2020 8000" }, "company.account"],
    [{ "company.mfo": "abcde" }, "company.mfo"],
    [{ "booking.defaultDays": 0 }, "booking.defaultDays"],
    [{ "pricing.maxDiscountPct.SELLER": 101 }, "pricing.maxDiscountPct.SELLER"],
    [{ "attendance.workStart": "25:00" }, "attendance.workStart"],
    [{ "company.name": "" }, "company.name"],
    [{ "no.such.key": 1 }, ""],
    [{ "booking.defaultDays": 20, "booking.maxDays": 10 }, "booking.defaultDays"],
    [{ "attendance.workStart": "18:00", "attendance.workEnd": "09:00" }, "attendance.workEnd"],
  ])("refuses %j with 400 naming the field, and saves nothing", async (body, field) => {
    const { agent } = await ctx.loginAs("ADMIN");
    const settingsBefore = await ctx.db.setting.findMany({ orderBy: { key: "asc" } });
    const auditBefore = await ctx.db.auditLog.count();
    // A valid key beside the bad one must not be saved either.
    const res = await agent
      .patch("/api/settings")
      .send({ ...body, "company.address": "г. Самарканд" });
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    if (field) {
      expect(res.body.errors.map((error: { path: string }) => error.path).join(" ")).toContain(
        field,
      );
    }
    expect(await ctx.db.setting.findMany({ orderBy: { key: "asc" } })).toEqual(settingsBefore);
    expect(await ctx.db.auditLog.count()).toBe(auditBefore);
  });

  it("is for admins only", async () => {
    for (const role of ["SELLER", "MOP", "ROP", "FINANCIER"] as const) {
      const { agent } = await ctx.loginAs(role);
      expect((await agent.get("/api/settings")).status).toBe(403);
      expect((await agent.patch("/api/settings").send({ "company.name": "X" })).status).toBe(403);
    }
    expect((await request(ctx.app).get("/api/settings")).status).toBe(401);
  });
});
