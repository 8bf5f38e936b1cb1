import { Router } from "express";
import { authRoutes } from "@crm/contracts";
import type { AppContext } from "../../app";
import { ACCESS_COOKIE } from "../../http/auth";
import { rateLimiter } from "../../http/rate-limit";
import { mount } from "../../http/route";
import * as auth from "./auth.service";

export function authRouter(deps: AppContext) {
  const { config } = deps;
  const router = Router();
  const cookieOptions = {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config.isProduction,
    path: "/",
  };

  // Stricter budget than the global limiter: login is where passwords get guessed.
  router.post(
    authRoutes.login.path,
    rateLimiter({
      ...config.loginRateLimit,
      name: "login",
      redis: deps.redisLink,
      redisPrefix: config.redisPrefix,
    }),
  );

  mount(router, authRoutes.login, async ({ body, res }) => {
    const result = await auth.login(deps, body);
    res.cookie(ACCESS_COOKIE, `Bearer ${result.token}`, {
      ...cookieOptions,
      maxAge: config.accessTokenMinutes * 60_000,
    });
    return {
      user: result.user,
      accessToken: result.token,
      tokenType: "Bearer" as const,
      expiresAt: result.expiresAt.toISOString(),
    };
  });

  // Public, so a client holding a dead token can still clear its cookie; a live session ends.
  mount(router, authRoutes.logout, async ({ user, res }) => {
    if (user) await auth.logout(deps, user.sessionId);
    res.clearCookie(ACCESS_COOKIE, cookieOptions);
  });

  mount(router, authRoutes.me, ({ user }) => ({
    id: user.id,
    login: user.login,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    role: user.role,
    roleName: user.roleName,
  }));

  return router;
}
