import { z } from "zod";
import { defineRoute } from "./routes";

/**
 * Settings live as key/value rows; each key is declared here once with its type and default,
 * so every reader (API, bot, worker, SPA) gets the same value for a key that was never set.
 */
export const settingDefs = {
  "booking.defaultDays": { schema: z.coerce.number().int().min(1).max(60), default: 3 },
  "booking.maxDays": { schema: z.coerce.number().int().min(1).max(90), default: 14 },
  "company.name": { schema: z.string().min(1).max(200), default: "ООО «Developer»" },
  "company.address": { schema: z.string().min(1).max(300), default: "г. Ташкент" },
  "company.taxId": { schema: z.string().min(1).max(30), default: "000000000" },
  "company.bank": { schema: z.string().min(1).max(300), default: "—" },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type TSettingKey = keyof typeof settingDefs;
export type TSettingValue<K extends TSettingKey> = z.output<(typeof settingDefs)[K]["schema"]>;

/** The settings that decide what a user may do, for the SPA to offer only what will succeed. */
export const ZPolicySettings = z.object({
  booking: z.object({
    /** A new hold lasts this many days unless the seller picks another length. */
    defaultDays: z.number().int(),
    /** No hold reaches further ahead than this. */
    maxDays: z.number().int(),
  }),
});
export type TPolicySettings = z.infer<typeof ZPolicySettings>;

export const settingsRoutes = {
  policy: defineRoute({
    method: "get",
    path: "/api/settings/policy",
    summary: "Limits that decide what a user may do (hold lengths)",
    tag: "settings",
    access: "authenticated",
    status: 200,
    response: ZPolicySettings,
  }),
};
