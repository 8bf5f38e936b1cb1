import crypto from "node:crypto";

/** AES-256-GCM: base64 of iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
export function encryptToken(key: Buffer, token: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function decryptToken(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

const hmac = (secret: string, value: string) =>
  crypto.createHmac("sha256", secret).update(value).digest("base64url");

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
};

/**
 * The OAuth `state`: the admin's session (hashed), an expiry and a nonce, signed. It proves the
 * callback continues a connect that this admin, in this session, started a moment ago.
 */
export function signState(secret: string, sessionId: string, expiresAt: Date): string {
  const payload = Buffer.from(
    JSON.stringify({
      s: crypto.createHash("sha256").update(sessionId).digest("base64url").slice(0, 22),
      e: expiresAt.getTime(),
      n: crypto.randomBytes(9).toString("base64url"),
    }),
  ).toString("base64url");
  return `${payload}.${hmac(secret, `instagram-state:${payload}`)}`;
}

export function checkState(
  secret: string,
  state: string,
  sessionId: string,
  now: Date,
): "ok" | "forged" | "expired" {
  const [payload, signature, extra] = state.split(".");
  if (!payload || !signature || extra !== undefined) return "forged";
  if (!sameText(signature, hmac(secret, `instagram-state:${payload}`))) return "forged";
  let claims: { s?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
  } catch {
    return "forged";
  }
  const session = crypto.createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
  if (claims.s !== session) return "forged";
  if (typeof claims.e !== "number" || claims.e <= now.getTime()) return "expired";
  return "ok";
}

/** Meta's webhook signature: `sha256=<hex HMAC of the raw body with the app secret>`. */
export function checkWebhookSignature(
  appSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  if (!header || !header.startsWith("sha256=")) return false;
  const expected = crypto.createHmac("sha256", appSecret).update(rawBody).digest("hex");
  return sameText(header.slice(7).toLowerCase(), expected);
}
