import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import { ZRoleCode, type TRoleCode } from "@crm/contracts";

const ZClaims = z.object({
  sub: z.string(),
  role: ZRoleCode,
  ver: z.number().int(),
  /** The Session row behind the token: deleting it (logout) ends the token everywhere. */
  sid: z.string().min(1),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof ZClaims>;

/**
 * The HMAC key as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to
 * parse it as a public key on every verify, which cost a fifth of a list request's CPU.
 */
const keys = new Map<string, crypto.KeyObject>();
function keyOf(secret: string): crypto.KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.createSecretKey(Buffer.from(secret, "utf8"));
    keys.set(secret, key);
  }
  return key;
}

/** A new session id: 144 random bits, URL-safe. */
export const newSessionId = () => crypto.randomBytes(18).toString("base64url");

/** When a token issued now for `minutes` expires, on a whole second as JWT `exp` has it. */
export function accessTokenExpiry(minutes: number, now = new Date()): Date {
  return new Date((Math.floor(now.getTime() / 1000) + minutes * 60) * 1000);
}

export function signAccessToken(
  secret: string,
  claims: { login: string; role: TRoleCode; tokenVersion: number; sessionId: string },
  expiresAt: Date,
): string {
  return jwt.sign(
    {
      sub: claims.login,
      role: claims.role,
      ver: claims.tokenVersion,
      sid: claims.sessionId,
      exp: Math.floor(expiresAt.getTime() / 1000),
    },
    secret,
    { algorithm: "HS256" },
  );
}

/**
 * Tokens whose signature was checked, with their claims: a client sends the same token on every
 * request for its lifetime, and the HMAC, base64 and JSON work of a verify was a measurable share
 * of a list request (decision 016). Only the signature check is remembered; expiry is checked on
 * every use, and the session behind the token is still read on every request (auth.ts).
 */
const verified = new Map<string, { secret: string; claims: TokenClaims }>();
const VERIFIED_MAX = 10_000;

/** Returns the claims, or null for a token that is malformed, forged or expired. */
export function verifyAccessToken(secret: string, token: string): TokenClaims | null {
  const known = verified.get(token);
  if (known && known.secret === secret) {
    if (known.claims.exp * 1000 > Date.now()) return known.claims;
    verified.delete(token);
    return null;
  }
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: ["HS256"] });
    const claims = ZClaims.safeParse(decoded);
    if (!claims.success) return null;
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, { secret, claims: claims.data });
    return claims.data;
  } catch {
    return null;
  }
}
