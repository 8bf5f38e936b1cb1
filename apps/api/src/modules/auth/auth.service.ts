import type { TLoginRequest, TMe, TRoleCode } from "@crm/contracts";
import { hashPassword, verifyPassword, type Db } from "@crm/db";
import type { AppConfig } from "../../config";
import { AppError } from "@crm/core";
import { accessTokenExpiry, newSessionId, signAccessToken } from "../../lib/tokens";
import { clearLoginFailures, recordLoginFailure } from "./auth.repository";

// Verified when the login is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword("not-a-real-password-9f4c1e"));

export interface LoginResult {
  user: TMe;
  token: string;
  expiresAt: Date;
}

/**
 * Checks login and password. Unknown login, wrong password and inactive user all answer the
 * same INVALID_CREDENTIALS. Failures are counted per login name (known or not); past the limit
 * the name is locked for a while, identically for existing and unknown names. A login opens a
 * Session whose id the token carries, so logout can end it.
 */
export async function login(
  deps: { db: Db; config: AppConfig },
  input: TLoginRequest,
): Promise<LoginResult> {
  const { db, config } = deps;
  const key = input.login.toLowerCase();
  const now = new Date();

  const throttle = await db.loginThrottle.findUnique({ where: { login: key } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) throw lockedError(throttle.lockedUntil);

  const user = await db.user.findUnique({
    where: { login: input.login },
    include: { role: { select: { code: true, name: true } } },
  });
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? (await getDummyHash()),
    input.password,
  );

  if (!user || !passwordOk || !user.isActive) {
    await recordLoginFailure(
      db,
      key,
      { maxFailures: config.loginLock.maxFailures, lockedUntil: lockUntil(config, now) },
      now,
    );
    throw new AppError("INVALID_CREDENTIALS", { detail: "Login or password is wrong" });
  }

  // Parallel wrong passwords may have locked the name while this one was being checked.
  const lockedUntil = await clearLoginFailures(db, key, now);
  if (lockedUntil) throw lockedError(lockedUntil);

  const expiresAt = accessTokenExpiry(config.accessTokenMinutes, now);
  const sessionId = newSessionId();
  await db.$transaction([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.session.create({ data: { id: sessionId, userId: user.id, expiresAt } }),
    db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
  ]);

  const role = user.role.code as TRoleCode;
  const token = signAccessToken(
    config.jwtSecret,
    { login: user.login, role, tokenVersion: user.tokenVersion, sessionId },
    expiresAt,
  );
  return {
    user: {
      id: user.id,
      login: user.login,
      firstName: user.firstName,
      lastName: user.lastName,
      phone: user.phone,
      role,
      roleName: user.role.name,
    },
    token,
    expiresAt,
  };
}

/** Ends one session: its token stops working on every API instance at its next request. */
export async function logout(deps: { db: Db }, sessionId: string): Promise<void> {
  await deps.db.session.deleteMany({ where: { id: sessionId } });
}

function lockedError(lockedUntil: Date) {
  const retryAfter = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  return new AppError("LOGIN_LOCKED", {
    detail: `Too many failed attempts; try again in ${Math.ceil(retryAfter / 60)} min`,
    headers: { "Retry-After": String(retryAfter) },
  });
}

const lockUntil = (config: AppConfig, now: Date) =>
  new Date(now.getTime() + config.loginLock.minutes * 60_000);
