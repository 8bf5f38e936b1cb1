import { importFlats } from "@crm/core";
import { z } from "zod";
import { ZInstagramEnv } from "@crm/core";

/** The worker's environment, parsed once at boot; nothing else reads process.env. */
export const ZWorkerEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    REDIS_URL: z
      .string({ error: "REDIS_URL is required: the worker takes its jobs from Redis" })
      .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://"),
    DATABASE_URL: z.string().default("file:./data/crm.db"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "QUEUE_PREFIX may hold letters, digits and _ . : -")
      .default("crm"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    SMTP_FROM: z.string().default("RealEstate CRM <no-reply@localhost>"),
    /** The bot's token, for Telegram notifications; unset: they wait until it is set. */
    BOT_TOKEN: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    /** Where report files are written (the API reads them there); `data/exports` by default. */
    EXPORT_DIR: z.string().optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** A job's lock lapses this long after its worker stops renewing it (killed, frozen). */
    JOB_LOCK_DURATION_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** How often each worker looks for jobs whose lock lapsed and puts them back in the queue. */
    JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    /** Google Sheets import: the service account (inline JSON or a file) and the API's URLs. */
    ...importFlats.googleEnvShape,
  })
  .extend(ZInstagramEnv.shape);
export type WorkerEnv = z.infer<typeof ZWorkerEnv>;

export function parseEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  // An empty variable counts as unset (compose's `${VAR:-}`, an emptied line in .env).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZWorkerEnv.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
