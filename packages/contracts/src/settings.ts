import { z } from "zod";
import { optionalText, text } from "./common";
import { ROLES } from "./roles";
import { ZNotificationPrefs } from "./notifications";
import { defineRoute } from "./routes";

/** A time of day, `HH:MM` (24 h). */
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time as HH:MM");
/** Digits only, exactly `length` of them, or empty (not filled in yet). */
const digitsOrEmpty = (length: number, what: string) =>
  z.union([
    z.literal(""),
    z.string().regex(new RegExp(`^\\d{${length}}$`), `${what}: ${length} digits`),
  ]);

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
  /** A lead open this many days with no change, comment or call is "stuck" (MOP's dashboard). */
  "dashboard.stuckLeadDays": { schema: z.coerce.number().int().min(1).max(365), default: 7 },
  /** Working hours (local time, HH:MM): a check-in after the start plus the grace is late. */
  "attendance.workStart": { schema: ZClock, default: "09:00" },
  "attendance.workEnd": { schema: ZClock, default: "18:00" },
  "attendance.lateGraceMinutes": { schema: z.coerce.number().int().min(0).max(240), default: 10 },
  /** A day left open is closed at this local time by the schedule, and flagged. */
  "attendance.autoCheckoutAt": { schema: ZClock, default: "20:00" },
  /** Working weekdays, ISO numbers (1 Monday … 7 Sunday): a missing check-in counts on these. */
  "attendance.workDays": {
    schema: z.string().regex(/^[1-7](,[1-7])*$/, "Weekdays as 1-7, comma-separated"),
    default: "1,2,3,4,5,6",
  },
  /** How long an export's file may be downloaded, in hours; then it is removed. */
  "exports.ttlHours": {
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    default: 24,
  },
  /** CSV field separator: ";" opens in Excel with Russian regional settings, "," elsewhere. */
  "exports.csvDelimiter": { schema: z.enum([";", ",", "\t"]), default: ";" },
  /** Minutes between scheduled syncs of a complex's linked sheet (when its sync is on). */
  "import.syncIntervalMinutes": { schema: z.coerce.number().int().min(1).max(10_080), default: 60 },
  /** Rows one import reads at most; a larger sheet is refused whole, with the reason. */
  "import.maxRows": { schema: z.coerce.number().int().min(1).max(50_000), default: 20_000 },
  "company.name": { schema: text(200), default: "ООО «Developer»" },
  "company.address": { schema: text(300), default: "г. Ташкент" },
  /** ИНН: nine digits in Uzbekistan. */
  "company.taxId": {
    schema: z.string().regex(/^\d{9}$/, "A tax id (ИНН): 9 digits"),
    default: "000000000",
  },
  /** The bank's name. */
  "company.bank": { schema: optionalText(300), default: "" },
  /** Settlement account (р/с): 20 digits. */
  "company.account": { schema: digitsOrEmpty(20, "An account (р/с)"), default: "" },
  /** The bank's code (МФО): 5 digits. */
  "company.mfo": { schema: digitsOrEmpty(5, "A bank code (МФО)"), default: "" },
  /** Which notifications go by email and Telegram for users who never chose. */
  "notifications.defaults": { schema: ZNotificationPrefs, default: {} },
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

export const SETTING_KEYS = Object.keys(settingDefs) as TSettingKey[];
export type TSettingValues = { [K in TSettingKey]: TSettingValue<K> };

const valueShapes = Object.fromEntries(
  SETTING_KEYS.map((key) => [key, settingDefs[key].schema]),
) as { [K in TSettingKey]: (typeof settingDefs)[K]["schema"] };

/** Every setting with its current value (the default where none was saved). */
export const ZSettings = z.object({ values: z.object(valueShapes) });
export type TSettings = z.infer<typeof ZSettings>;

/** Any of the settings; each checked by its own declaration. Nothing is saved if one fails. */
export const ZUpdateSettingsRequest = z
  .strictObject(
    Object.fromEntries(SETTING_KEYS.map((key) => [key, settingDefs[key].schema.optional()])) as {
      [K in TSettingKey]: z.ZodOptional<(typeof settingDefs)[K]["schema"]>;
    },
  )
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });
export type TUpdateSettingsRequest = z.input<typeof ZUpdateSettingsRequest>;

export const adminSettingsRoutes = {
  get: defineRoute({
    method: "get",
    path: "/api/settings",
    summary: "Every setting with its value (company details, holds, discounts, rates, hours...)",
    tag: "settings",
    access: ROLES.admin,
    status: 200,
    response: ZSettings,
  }),
  update: defineRoute({
    method: "patch",
    path: "/api/settings",
    summary: "Change settings; each is validated and audited, and applies at once",
    tag: "settings",
    access: ROLES.admin,
    body: ZUpdateSettingsRequest,
    status: 200,
    response: ZSettings,
  }),
};
