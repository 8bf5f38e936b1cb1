import jwt from "jsonwebtoken";
import request from "supertest";
import { TEST_PASSWORD, useTestContext } from "./harness";

const ctx = useTestContext();

const problemShape = (body: Record<string, unknown>) => {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
};

describe("login", () => {
  it("sets an HTTP-only SameSite cookie holding 'Bearer <jwt>' and returns the user", async () => {
    const user = await ctx.createUser({ role: "SELLER" });
    const res = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: user.id,
      login: user.login,
      role: "SELLER",
      roleName: "Продажник",
    });
    expect(res.body.tokenType).toBe("Bearer");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^access_token=Bearer%20[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=3600/);
    expect(cookie).not.toMatch(/Secure/);
    const claims = jwt.decode(res.body.accessToken) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: user.login, role: "SELLER" });
    expect(Number(claims.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3590);
    expect(Number(claims.exp) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3600);
  });

  it("marks the cookie Secure in production and honours the configured lifetime", async () => {
    const user = await ctx.createUser();
    const app = ctx.appWith({ isProduction: true, accessTokenMinutes: 5 });
    const res = await request(app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(String(res.headers["set-cookie"])).toMatch(/Max-Age=300;.*Secure/);
  });

  it("answers an unknown login exactly like a wrong password", async () => {
    const user = await ctx.createUser();
    const wrong = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: "nope-nope" });
    const unknown = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: "ghost-user", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(problemShape(wrong.body)).toEqual(problemShape(unknown.body));
    expect(wrong.body.code).toBe("INVALID_CREDENTIALS");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses an inactive user with the same answer as a wrong password", async () => {
    const user = await ctx.createUser({ isActive: false });
    const res = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("INVALID_CREDENTIALS");
  });

  it("locks a login name after repeated failures, even with the right password, and the same for unknown names", async () => {
    const user = await ctx.createUser();
    for (let i = 0; i < 5; i++) {
      const res = await request(ctx.app)
        .post("/api/auth/login")
        .send({ login: user.login, password: `bad-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("LOGIN_LOCKED");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800);

    for (let i = 0; i < 5; i++) {
      await request(ctx.app)
        .post("/api/auth/login")
        .send({ login: "nobody-here", password: `bad-${i}` });
    }
    const lockedUnknown = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: "nobody-here", password: "x" });
    expect(lockedUnknown.status).toBe(429);
    expect(problemShape(lockedUnknown.body)).toEqual(problemShape(locked.body));
  });

  it("resets the failure count after a successful login", async () => {
    const user = await ctx.createUser();
    for (let i = 0; i < 4; i++) {
      await request(ctx.app).post("/api/auth/login").send({ login: user.login, password: "bad" });
    }
    const ok = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const res = await request(ctx.app)
        .post("/api/auth/login")
        .send({ login: user.login, password: "bad" });
      expect(res.status).toBe(401);
    }
  });

  it("applies the stricter login rate limit per client", async () => {
    const app = ctx.appWith({ loginRateLimit: { max: 3, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await request(app)
        .post("/api/auth/login")
        .send({ login: `rl${i}`, password: "x" });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const me = await request(app).get("/api/auth/me");
    expect(me.status).toBe(401); // other routes keep the general budget
  });
});

describe("session", () => {
  it("reads the user from the cookie and from an Authorization header", async () => {
    const { agent, user, token } = await ctx.loginAs("MOP");
    const viaCookie = await agent.get("/api/auth/me");
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body).toMatchObject({ id: user.id, role: "MOP" });
    const viaHeader = await request(ctx.app)
      .get("/api/auth/me")
      .set("Authorization", `Bearer ${token}`);
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body.login).toBe(user.login);
  });

  it("answers 401 without a token, with a forged one and with an expired one", async () => {
    const user = await ctx.createUser();
    const none = await request(ctx.app).get("/api/auth/me");
    expect(none.status).toBe(401);
    expect(none.body.code).toBe("UNAUTHENTICATED");
    const forged = jwt.sign(
      { sub: user.login, role: "ADMIN", ver: 0 },
      "another-secret-another-secret-1234",
      {
        expiresIn: 60,
      },
    );
    expect(
      (await request(ctx.app).get("/api/auth/me").set("Authorization", `Bearer ${forged}`)).status,
    ).toBe(401);
    const expired = jwt.sign(
      { sub: user.login, role: "SELLER", ver: 0, exp: Math.floor(Date.now() / 1000) - 10 },
      ctx.deps.config.jwtSecret,
    );
    const res = await request(ctx.app)
      .get("/api/auth/me")
      .set("Authorization", `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/invalid or expired/);
    const noneAlg = jwt.sign({ sub: user.login, role: "ADMIN", ver: 0 }, "", { algorithm: "none" });
    expect(
      (await request(ctx.app).get("/api/auth/me").set("Authorization", `Bearer ${noneAlg}`)).status,
    ).toBe(401);
  });

  it("takes the role from the database, not from the token's claim", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const admin = await ctx.db.role.findUniqueOrThrow({ where: { code: "ADMIN" } });
    await ctx.db.user.update({ where: { id: user.id }, data: { roleId: admin.id } });
    expect((await agent.get("/api/auth/me")).body.role).toBe("ADMIN");
  });

  it("stops a deactivated user's existing token at once", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { agent, user, token } = await ctx.loginAs("SELLER");
    expect((await agent.get("/api/auth/me")).status).toBe(200);
    expect((await admin.patch(`/api/users/${user.id}`).send({ isActive: false })).status).toBe(200);
    expect((await agent.get("/api/auth/me")).status).toBe(401);
    // Reactivation does not resurrect the old token: the version moved on.
    expect((await admin.patch(`/api/users/${user.id}`).send({ isActive: true })).status).toBe(200);
    const res = await request(ctx.app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
    expect(res.status).toBe(401);
  });

  it("ends existing sessions when an admin resets the password", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { agent, user } = await ctx.loginAs("FINANCIER");
    const reset = await admin
      .post(`/api/users/${user.id}/password`)
      .send({ password: "brand-new-pass-1" });
    expect(reset.status).toBe(204);
    expect((await agent.get("/api/auth/me")).status).toBe(401);
    const old = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(old.status).toBe(401);
    const fresh = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: "brand-new-pass-1" });
    expect(fresh.status).toBe(200);
  });

  it("logout clears the cookie", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const res = await agent.post("/api/auth/logout");
    expect(res.status).toBe(204);
    expect(String(res.headers["set-cookie"])).toMatch(/access_token=;.*Expires=Thu, 01 Jan 1970/);
    expect((await agent.get("/api/auth/me")).status).toBe(401);
  });
});
