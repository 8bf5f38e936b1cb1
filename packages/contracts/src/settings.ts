import { z } from "zod";
import { text } from "./common";
import { defineRoute } from "./routes";

/**
 * Settings live as key/value rows; each key is declared here once with its type and default,
 * so every reader (API, bot, worker, SPA) gets the same value for a key that was never set.
 */
export const settingDefs = {
  "booking.defaultDays": { schema: z.coerce.number().int().min(1).max(60), default: 3 },
  "booking.maxDays": { schema: z.coerce.number().int().min(1).max(90), default: 14 },
  /** How many flats one lead may hold at once. */
  "booking.maxHoldsPerLead": { schema: z.coerce.number().int().min(1).max(20), default: 1 },
  /** No hold, however prolonged, lasts longer than this from its first day. */
  "booking.maxTotalDays": { schema: z.coerce.number().int().min(1).max(365), default: 30 },
  /** The largest discount from the list price each role may give without approval, in %. */
  "pricing.maxDiscountPct.SELLER": { schema: z.coerce.number().min(0).max(100), default: 3 },
  "pricing.maxDiscountPct.MOP": { schema: z.coerce.number().min(0).max(100), default: 7 },
  "pricing.minDownPaymentPct": { schema: z.coerce.number().min(0).max(100), default: 10 },
  /** How far in the past a contract's start date may lie (a deal agreed last week). */
  "pricing.startDateGraceDays": { schema: z.coerce.number().int().min(0).max(3650), default: 7 },
  /** Requests one prospect may leave through a channel (bot, landing page) in a day. */
  "channels.requestsPerSenderPerDay": {
    schema: z.coerce.number().int().min(1).max(100),
    default: 5,
  },
  /** Minutes between scheduled syncs of a complex's linked sheet (when its sync is on). */
  "import.syncIntervalMinutes": { schema: z.coerce.number().int().min(1).max(10_080), default: 60 },
  /** Rows one import reads at most; a larger sheet is refused whole, with the reason. */
  "import.maxRows": { schema: z.coerce.number().int().min(1).max(50_000), default: 20_000 },
  "company.name": { schema: text(200), default: "ООО «Developer»" },
  "company.address": { schema: text(300), default: "г. Ташкент" },
  "company.taxId": { schema: text(30), default: "000000000" },
  "company.bank": { schema: text(300), default: "—" },
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
    maxHoldsPerLead: z.number().int(),
    maxTotalDays: z.number().int(),
  }),
  pricing: z.object({
    /** For the signed-in user's role; null: no limit (admins, heads of sales). */
    maxDiscountPct: z.number().nullable(),
    minDownPaymentPct: z.number(),
    startDateGraceDays: z.number().int(),
  }),
});
export type TPolicySettings = z.infer<typeof ZPolicySettings>;

export const settingsRoutes = {
  policy: defineRoute({
    method: "get",
    path: "/api/settings/policy",
    summary: "Limits that decide what the signed-in user may do (holds, discounts)",
    tag: "settings",
    access: "authenticated",
    status: 200,
    response: ZPolicySettings,
  }),
};
