import crypto from "node:crypto";
import { instagramConfigFromEnv, type InstagramConfig } from "@crm/core";
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
  /** Requests a client may leave from landing pages per window (default 10 per 10 minutes). */
  landingRateLimit?: { max: number; windowSeconds: number };
  webDistDir?: string;
  mediaDir: string;
  /** Private files (expense receipts): read only through the API, never served as static. */
  uploadsDir: string;
  /** The Instagram connection; null (with what is missing) when not configured. */
  instagram?: { config: InstagramConfig | null; missing: string[] };
  /** Redis key prefix for shared state (rate limits), so several deployments can share a server. */
  redisPrefix: string;
  /** With a read replica: how long after a write the writer's reads stay on the primary. */
  readAfterWriteMs: number;
  /** Compress responses in the app (gzip/brotli); off when a proxy in front does it. */
  compression: boolean;
  /** How imports reach Google Sheets; the credentials never leave the server. */
  sheets: importFlats.SheetsConfig;
}

export function configFromEnv(env: ApiEnv): AppConfig {
  // Outside production a missing secret gets a random one: tokens then die with the process.
  const jwtSecret = env.JWT_SECRET ?? crypto.randomBytes(32).toString("hex");
  return {
    isProduction: env.NODE_ENV === "production",
    jwtSecret,
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
    uploadsDir: env.UPLOADS_DIR,
    instagram: instagramConfigFromEnv(env, jwtSecret),
    redisPrefix: "crm:",
    readAfterWriteMs: env.DATABASE_READ_AFTER_WRITE_MS,
    compression: env.HTTP_COMPRESSION,
    sheets: importFlats.sheetsConfigFromEnv(env),
  };
}
