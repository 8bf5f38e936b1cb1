import type { RequestHandler } from "express";
import type { SqlReader } from "@crm/db";
import type { AppConfig } from "../config";
import { verifyAccessToken } from "../lib/tokens";
import { findSessionUser } from "../modules/auth/auth.repository";

export const ACCESS_COOKIE = "access_token";

/** The raw JWT from `Authorization: Bearer …` or the `access_token` cookie ("Bearer …"). */
export function tokenFrom(
  authorization: string | undefined,
  cookie: string | undefined,
): string | null {
  for (const value of [authorization, cookie]) {
    if (typeof value !== "string") continue;
    const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * Token → req.user. The session and its user are re-read on every request (one statement) so
 * that logout, deactivation, a role change or a password reset (token version bump) take effect
 * at once on every API instance.
 */
export function authenticate(config: AppConfig, reader: SqlReader): RequestHandler {
  return async (req, _res, next) => {
    try {
      const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
      const token = tokenFrom(req.headers.authorization, cookies[ACCESS_COOKIE]);
      if (!token) return next();
      const claims = verifyAccessToken(config.jwtSecret, token);
      if (!claims) {
        req.authFailure = "The access token is invalid or expired";
        return next();
      }
      const user = await findSessionUser(reader, claims.sid, new Date());
      if (!user || !user.isActive || user.tokenVersion !== claims.ver) {
        req.authFailure = "The session has ended; log in again";
        return next();
      }
      req.user = {
        id: user.id,
        login: user.login,
        firstName: user.firstName,
        lastName: user.lastName,
        phone: user.phone,
        role: user.role,
        roleName: user.roleName,
        sessionId: claims.sid,
        requestId: String(req.id),
      };
      next();
    } catch (error) {
      next(error);
    }
  };
}
