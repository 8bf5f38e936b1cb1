import http from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import pino from "pino";
import request from "supertest";
import { createDb, createReader } from "@crm/db";
import { createApp } from "../src/app";
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

  it("counts every one of 200 parallel wrong passwords and stays locked, also against the right one", async () => {
    const user = await ctx.createUser();
    // One listening server for all of them, so the requests really run side by side.
    const server = http.createServer(ctx.app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          fetch(`${base}/api/auth/login`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ login: user.login, password: `wrong-${i}` }),
          }).then((res) => res.status),
        ),
      );
      expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
      const throttle = await ctx.db.loginThrottle.findUniqueOrThrow({
        where: { login: user.login.toLowerCase() },
      });
      // Every failure that was checked (401) was counted: none lost to a concurrent write.
      expect(throttle.failures).toBe(statuses.filter((status) => status === 401).length);
      expect(throttle.failures).toBeGreaterThanOrEqual(ctx.deps.config.loginLock.maxFailures);
      expect(throttle.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
      const right = await request(server)
        .post("/api/auth/login")
        .send({ login: user.login, password: TEST_PASSWORD });
      expect(right.status).toBe(429);
      expect(right.body.code).toBe("LOGIN_LOCKED");
      expect(right.headers["set-cookie"]).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("starts counting again from one when a lock has run out", async () => {
    const user = await ctx.createUser();
    const key = user.login.toLowerCase();
    const fail = () =>
      request(ctx.app).post("/api/auth/login").send({ login: user.login, password: "bad" });
    for (let i = 0; i < 5; i++) await fail();
    await ctx.db.loginThrottle.update({
      where: { login: key },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect((await fail()).status).toBe(401);
    const after = await ctx.db.loginThrottle.findUniqueOrThrow({ where: { login: key } });
    expect(after).toMatchObject({ failures: 1, lockedUntil: null });
    const ok = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ctx.db.loginThrottle.findUniqueOrThrow({ where: { login: key } })).toMatchObject({
      failures: 0,
      lockedUntil: null,
    });
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

  it("logout ends that session on every instance (Bearer and cookie) and leaves the user's other sessions alive", async () => {
    const user = await ctx.createUser({ role: "MOP" });
    const loginOnce = async () => {
      const res = await request(ctx.app)
        .post("/api/auth/login")
        .send({ login: user.login, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      return res.body.accessToken as string;
    };
    const [first, second, third] = [await loginOnce(), await loginOnce(), await loginOnce()];
    // A second API instance with its own connections to the same database.
    const db = createDb({ url: ctx.url, poolSize: 2 });
    const reader = createReader({ url: ctx.url, poolSize: 2 });
    const other = createApp({ ...ctx.deps, db, reader, logger: pino({ level: "silent" }) });
    const viaBearer = (app: typeof other, token: string) =>
      request(app).get("/api/auth/me").set("Authorization", `Bearer ${token}`);
    const viaCookie = (app: typeof other, token: string) =>
      request(app)
        .get("/api/auth/me")
        .set("Cookie", `access_token=${encodeURIComponent(`Bearer ${token}`)}`);
    try {
      for (const token of [first, second, third]) {
        expect((await viaBearer(other, token)).status).toBe(200);
        expect((await viaCookie(other, token)).status).toBe(200);
      }

      const byCookie = await request(ctx.app)
        .post("/api/auth/logout")
        .set("Cookie", `access_token=${encodeURIComponent(`Bearer ${first}`)}`);
      expect(byCookie.status).toBe(204);
      const byBearer = await request(other)
        .post("/api/auth/logout")
        .set("Authorization", `Bearer ${second}`);
      expect(byBearer.status).toBe(204);

      for (const app of [ctx.app, other]) {
        for (const token of [first, second]) {
          for (const res of [await viaBearer(app, token), await viaCookie(app, token)]) {
            expect(res.status).toBe(401);
            expect(res.body.detail).toMatch(/session has ended/);
          }
        }
        expect((await viaBearer(app, third)).body.login).toBe(user.login);
        expect((await viaCookie(app, third)).status).toBe(200);
      }
    } finally {
      await db.$disconnect();
      await reader.close();
    }
  });

  it("prunes expired sessions at login", async () => {
    const user = await ctx.createUser();
    await ctx.db.session.create({
      data: { id: `expired-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await request(ctx.app)
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const sid = (jwt.decode(res.body.accessToken) as { sid: string }).sid;
    const sessions = await ctx.db.session.findMany({ where: { userId: user.id } });
    expect(sessions.map((session) => session.id)).toEqual([sid]);
  });

  it("logout clears the cookie", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const res = await agent.post("/api/auth/logout");
    expect(res.status).toBe(204);
    expect(String(res.headers["set-cookie"])).toMatch(/access_token=;.*Expires=Thu, 01 Jan 1970/);
    expect((await agent.get("/api/auth/me")).status).toBe(401);
  });
});
