import { z } from "zod";
import { isPhoneRegion } from "@crm/contracts";
import { ZInstagramEnv } from "@crm/core";
import { importFlats } from "@crm/core";

const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");
const list = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/** The API's environment, parsed once at boot; nothing else reads process.env. */
export const ZApiEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    DATABASE_URL: z.string().default("file:./data/crm.db"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** A read replica of DATABASE_URL (PostgreSQL) for the hot reads; see decision 011. */
    DATABASE_READ_URL: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().optional(),
    ),
    /** The replication lag the writer's own reads are shielded from (they use the primary). */
    DATABASE_READ_AFTER_WRITE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    REDIS_URL: z.string().optional(),
    /** With REDIS_URL: the bull key prefix, the same the workers use. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "QUEUE_PREFIX may hold letters, digits and _ . : -")
      .default("crm"),
    /** Without REDIS_URL the API sends the emails itself; unset or empty: emails are logged. */
    SMTP_URL: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
        .optional(),
    ),
    SMTP_FROM: z.string().default("RealEstate CRM <no-reply@localhost>"),
    /** Without REDIS_URL the API sends Telegram messages itself; unset or empty: they wait. */
    BOT_TOKEN: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    /** Where report files are written (shared with the workers); `data/exports` by default. */
    EXPORT_DIR: z.string().optional(),
    /** On SIGTERM, how long requests and in-process jobs may take to finish. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters").optional(),
    ACCESS_TOKEN_EXPIRE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .default(60),
    CORS_ORIGINS: list.default([]),
    TRUST_PROXY: z.string().default("loopback"),
    /** Compress responses in the app; set false behind a proxy that compresses. */
    HTTP_COMPRESSION: bool.default(true),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(100),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
    WEB_DIST_DIR: z.string().optional(),
    /** Public photos and plans of the landing pages, served at /media (cached a week). */
    MEDIA_DIR: z.string().default("./data/media"),
    /** Expense receipts and other private files, downloaded only through the API. */
    UPLOADS_DIR: z.string().default("./data/uploads"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    SEED_DEMO: bool.optional(),
    /** How many demo leads a first start creates (demo data only). */
    DEMO_LEADS: z.coerce.number().int().min(0).max(100_000).default(300),
    /** Country of phone numbers written without a country code (ISO 3166 alpha-2). */
    PHONE_DEFAULT_REGION: z
      .string()
      .toUpperCase()
      .refine(isPhoneRegion, "PHONE_DEFAULT_REGION must be a country code such as UZ or KZ")
      .default("UZ"),
    /** Google Sheets import: the service account (inline JSON or a file) and the API's URLs. */
    ...importFlats.googleEnvShape,
  })
  .extend(ZInstagramEnv.shape)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.JWT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["JWT_SECRET"],
        message: "JWT_SECRET is required in production",
      });
    }
    if (env.NODE_ENV === "production" && env.SEED_DEMO) {
      ctx.addIssue({
        code: "custom",
        path: ["SEED_DEMO"],
        message: "demo data (with its public password) is never seeded in production",
      });
    }
  });
export type ApiEnv = z.infer<typeof ZApiEnv>;

export function parseEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const result = ZApiEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
