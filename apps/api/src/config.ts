import crypto from "node:crypto";
import { importFlats } from "@crm/core";
import type { ApiEnv } from "./env";

/** Everything createApp needs to know, independent of where it came from. */
export interface AppConfig {
  isProduction: boolean;
  jwtSecret: string;
  accessTokenMinutes: number;
  corsOrigins: string[];
  trustProxy: string;
  rateLimit: { max: number; windowSeconds: number };
  loginRateLimit: { max: number; windowSeconds: number };
  loginLock: { maxFailures: number; minutes: number };
  webDistDir?: string;
  mediaDir?: string;
  /** Redis key prefix for shared state (rate limits), so several deployments can share a server. */
  redisPrefix: string;
  /** How imports reach Google Sheets; the credentials never leave the server. */
  sheets: importFlats.SheetsConfig;
}

export function configFromEnv(env: ApiEnv): AppConfig {
  return {
    isProduction: env.NODE_ENV === "production",
    // Outside production a missing secret gets a random one: tokens then die with the process.
    jwtSecret: env.JWT_SECRET ?? crypto.randomBytes(32).toString("hex"),
    accessTokenMinutes: env.ACCESS_TOKEN_EXPIRE_MINUTES,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    rateLimit: { max: env.RATE_LIMIT_MAX, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS },
    loginRateLimit: {
      max: env.LOGIN_RATE_LIMIT_MAX,
      windowSeconds: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS,
    },
    loginLock: { maxFailures: env.LOGIN_MAX_FAILURES, minutes: env.LOGIN_LOCK_MINUTES },
    webDistDir: env.WEB_DIST_DIR,
    mediaDir: env.MEDIA_DIR,
    redisPrefix: "crm:",
    sheets: importFlats.sheetsConfigFromEnv(env),
  };
}
