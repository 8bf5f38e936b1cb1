import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import { z } from "zod";
import { ZRoleCode, type TRoleCode } from "@crm/contracts";

const ZClaims = z.object({
  sub: z.string(),
  role: ZRoleCode,
  ver: z.number().int(),
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

export function signAccessToken(
  secret: string,
  user: { login: string; role: TRoleCode; tokenVersion: number },
  minutes: number,
): { token: string; expiresAt: Date } {
  const exp = Math.floor(Date.now() / 1000) + minutes * 60;
  const token = jwt.sign(
    { sub: user.login, role: user.role, ver: user.tokenVersion, exp },
    secret,
    {
      algorithm: "HS256",
    },
  );
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Returns the claims, or null for a token that is malformed, forged or expired. */
export function verifyAccessToken(secret: string, token: string): TokenClaims | null {
  try {
    const decoded = jwt.verify(token, keyOf(secret), { algorithms: ["HS256"] });
    const claims = ZClaims.safeParse(decoded);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}
