import request from "supertest";
import { TEST_PASSWORD, useTestContext } from "./harness";

const ctx = useTestContext();

describe("admin users API", () => {
  it("creates a user who can then log in, and audits it", async () => {
    const { agent, user: admin } = await ctx.loginAs("ADMIN");
    const res = await agent.post("/api/users").send({
      login: "new.seller",
      password: "s3cret-pass",
      firstName: "Лола",
      lastName: "Каримова",
      phone: "90 123 45 67",
      role: "SELLER",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      login: "new.seller",
      role: "SELLER",
      isActive: true,
      phone: "+998901234567",
    });
    expect(res.body).not.toHaveProperty("passwordHash");
    const login = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: "new.seller", password: "s3cret-pass" });
    expect(login.status).toBe(200);
    const audit = await ctx.db.auditLog.findFirst({
      where: { entity: "User", entityId: String(res.body.id) },
    });
    expect(audit).toMatchObject({ action: "user.create", actorId: admin.id });
  });

  it("answers 409 naming the field when the login is taken", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const existing = await ctx.createUser();
    const before = await ctx.db.user.count();
    const res = await agent
      .post("/api/users")
      .send({ login: existing.login, password: "long-enough", firstName: "X", role: "MOP" });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "login" })]);
    expect(await ctx.db.user.count()).toBe(before);
  });

  it("pages through users with a cursor and filters by role", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    for (let i = 0; i < 3; i++) await ctx.createUser({ role: "FINANCIER" });
    const first = await agent.get("/api/users?role=FINANCIER&limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await agent.get(
      `/api/users?role=FINANCIER&limit=2&cursor=${first.body.nextCursor}`,
    );
    const ids = [...first.body.items, ...second.body.items].map((user: { id: number }) => user.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(
      [...first.body.items, ...second.body.items].every(
        (user: { role: string }) => user.role === "FINANCIER",
      ),
    ).toBe(true);
  });

  it("changes a role and records before/after in the audit log", async () => {
    const { agent, user: admin } = await ctx.loginAs("ADMIN");
    const target = await ctx.createUser({ role: "SELLER" });
    const res = await agent.patch(`/api/users/${target.id}`).send({ role: "MOP" });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("MOP");
    const row = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "user.update", entityId: String(target.id) },
    });
    expect(row.actorId).toBe(admin.id);
    expect(JSON.parse(row.before!)).toEqual({ role: "SELLER" });
    expect(JSON.parse(row.after!)).toEqual({ role: "MOP" });
  });

  it("does not let an admin deactivate or demote themselves", async () => {
    const { agent, user } = await ctx.loginAs("ADMIN");
    expect((await agent.patch(`/api/users/${user.id}`).send({ isActive: false })).status).toBe(409);
    expect((await agent.patch(`/api/users/${user.id}`).send({ role: "SELLER" })).status).toBe(409);
    expect((await agent.get("/api/auth/me")).body.role).toBe("ADMIN");
  });

  it("answers 404 for a user that does not exist", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    expect((await agent.get("/api/users/987654")).status).toBe(404);
    expect((await agent.patch("/api/users/987654").send({ firstName: "X" })).status).toBe(404);
    expect(
      (await agent.post("/api/users/987654/password").send({ password: "long-enough" })).status,
    ).toBe(404);
  });

  it("rejects an empty update", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const target = await ctx.createUser();
    expect((await agent.patch(`/api/users/${target.id}`).send({})).status).toBe(400);
  });

  it("never writes the password into the audit log", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const target = await ctx.createUser();
    await agent.post(`/api/users/${target.id}/password`).send({ password: "visible-secret-77" });
    const rows = await ctx.db.auditLog.findMany({ where: { entityId: String(target.id) } });
    expect(rows.map((row) => row.action)).toContain("user.password_reset");
    expect(JSON.stringify(rows)).not.toContain("visible-secret-77");
    expect(TEST_PASSWORD).toBeDefined();
  });

  it("lists roles with their display names for any logged-in user", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const res = await agent.get("/api/roles");
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { code: "ADMIN", name: "Админ" },
        { code: "SELLER", name: "Продажник" },
        { code: "MOP", name: "МОП" },
        { code: "ROP", name: "РОП" },
        { code: "FINANCIER", name: "Финансист" },
      ]),
    );
  });

  it("lists active sellers and sales managers a MOP can assign leads to", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const seller = await ctx.createUser({ role: "SELLER" });
    const inactive = await ctx.createUser({ role: "SELLER", isActive: false });
    const financier = await ctx.createUser({ role: "FINANCIER" });
    const res = await agent.get("/api/users/assignable");
    expect(res.status).toBe(200);
    const ids = res.body.items.map((item: { id: number }) => item.id);
    expect(ids).toContain(seller.id);
    expect(ids).not.toContain(inactive.id);
    expect(ids).not.toContain(financier.id);
    expect(res.body.items.find((item: { id: number }) => item.id === seller.id)).toMatchObject({
      role: "SELLER",
      name: expect.stringMatching(/^First/),
    });
  });
});
