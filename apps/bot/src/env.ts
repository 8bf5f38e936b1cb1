import { z } from "zod";
import { isPhoneRegion } from "@crm/contracts";

/** The bot's environment, parsed once at boot; nothing else reads process.env. */
export const ZBotEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    BOT_TOKEN: z
      .string({ error: "BOT_TOKEN is required (from @BotFather)" })
      .regex(
        /^\d+:[A-Za-z0-9_-]{20,}$/,
        "BOT_TOKEN must look like 123456:ABC... (from @BotFather)",
      ),
    DATABASE_URL: z.string().default("file:./data/crm.db"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    /** Bot API server; the default is Telegram's, a self-hosted or fake one can replace it. */
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    /** Public https base URL Telegram posts to, e.g. https://bot.example.uz (webhook mode). */
    WEBHOOK_URL: z.url().optional(),
    /** Secret last segment of the webhook path, also sent back by Telegram as a header. */
    WEBHOOK_SECRET_PATH: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{16,256}$/,
        "WEBHOOK_SECRET_PATH must be 16-256 characters of A-Z a-z 0-9 _ -",
      )
      .optional(),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
    CONVERSATION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** As in the API: country of phone numbers typed without a country code. */
    PHONE_DEFAULT_REGION: z
      .string()
      .toUpperCase()
      .refine(isPhoneRegion, "PHONE_DEFAULT_REGION must be a country code such as UZ or KZ")
      .default("UZ"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE !== "webhook") return;
    if (!env.WEBHOOK_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_URL"],
        message: "WEBHOOK_URL is required when BOT_MODE=webhook",
      });
    }
    if (!env.WEBHOOK_SECRET_PATH) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET_PATH"],
        message: "WEBHOOK_SECRET_PATH is required when BOT_MODE=webhook",
      });
    }
  });
export type BotEnv = z.infer<typeof ZBotEnv>;

export function parseEnv(source: Record<string, string | undefined> = process.env): BotEnv {
  // An empty variable counts as unset (compose's `${VAR:-}`, an emptied line in .env).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZBotEnv.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
