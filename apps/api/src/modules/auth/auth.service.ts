import type { TLoginRequest, TMe, TRoleCode } from "@crm/contracts";
import { hashPassword, verifyPassword, type Db } from "@crm/db";
import type { AppConfig } from "../../config";
import { AppError } from "@crm/core";
import { signAccessToken } from "../../lib/tokens";

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
 * the name is locked for a while, identically for existing and unknown names.
 */
export async function login(
  deps: { db: Db; config: AppConfig },
  input: TLoginRequest,
): Promise<LoginResult> {
  const { db, config } = deps;
  const key = input.login.toLowerCase();
  const now = new Date();

  const throttle = await db.loginThrottle.findUnique({ where: { login: key } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    const retryAfter = Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError("LOGIN_LOCKED", {
      detail: `Too many failed attempts; try again in ${Math.ceil(retryAfter / 60)} min`,
      headers: { "Retry-After": String(retryAfter) },
    });
  }

  const user = await db.user.findUnique({
    where: { login: input.login },
    include: { role: { select: { code: true, name: true } } },
  });
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? (await getDummyHash()),
    input.password,
  );

  if (!user || !passwordOk || !user.isActive) {
    const failures = (throttle?.failures ?? 0) + 1;
    const lock = failures >= config.loginLock.maxFailures;
    await db.loginThrottle.upsert({
      where: { login: key },
      create: {
        login: key,
        failures: lock ? 0 : failures,
        lockedUntil: lock ? lockUntil(config, now) : null,
      },
      update: { failures: lock ? 0 : failures, lockedUntil: lock ? lockUntil(config, now) : null },
    });
    throw new AppError("INVALID_CREDENTIALS", { detail: "Login or password is wrong" });
  }

  if (throttle) await db.loginThrottle.delete({ where: { login: key } }).catch(() => undefined);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });

  const role = user.role.code as TRoleCode;
  const { token, expiresAt } = signAccessToken(
    config.jwtSecret,
    { login: user.login, role, tokenVersion: user.tokenVersion },
    config.accessTokenMinutes,
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

const lockUntil = (config: AppConfig, now: Date) =>
  new Date(now.getTime() + config.loginLock.minutes * 60_000);
