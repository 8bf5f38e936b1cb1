import { z } from "zod";
import { ZCurrency, ZId } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/**
 * What the CRM tells a person, and what each message carries. One list for every channel: the
 * bell in the app, email and the Telegram bot all read the same notification rows.
 */
const id = z.number().int();
export const notificationKinds = {
  /** A lead was given to you (created for you, or reassigned). */
  "lead.assigned": z.object({ leadId: id, leadName: z.string() }),
  /** A call you scheduled is due within 15 minutes. */
  "callback.due": z.object({
    callbackId: id,
    leadId: id,
    leadName: z.string(),
    dueAt: z.string(),
  }),
  /** A hold of your lead ends within a day. */
  "hold.expiring": z.object({
    flatId: id,
    flatNumber: z.string(),
    /** For the link to the flat in its шахматка (older reminders lack it). */
    complexId: id.optional(),
    complexName: z.string(),
    leadId: id,
    leadName: z.string(),
    bookedUntil: z.string(),
  }),
  /** A contract priced below its author's discount limit waits for your approval. */
  "deal.awaiting-approval": z.object({
    dealId: id,
    dealNumber: z.string(),
    leadName: z.string(),
    discountPct: z.number(),
  }),
  /** Your approval request was decided. */
  "deal.decided": z.object({
    dealId: id,
    dealNumber: z.string(),
    approved: z.boolean(),
    note: z.string().nullable(),
  }),
  /** An instalment of your buyer (or, for finance, of anyone) is overdue. */
  "instalment.overdue": z.object({
    paymentId: id,
    dealId: id,
    dealNumber: z.string(),
    leadName: z.string(),
    amount: z.number().int(),
    currency: ZCurrency,
    dueDate: z.string(),
  }),
  /** An import of flats you started finished (or failed). */
  "import.finished": z.object({
    complexId: id,
    complexName: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    failed: z.boolean(),
  }),
  /** A report you asked for is ready to download. */
  "export.ready": z.object({ exportId: id, fileName: z.string() }),
} as const satisfies Record<string, z.ZodType>;

export type TNotificationKind = keyof typeof notificationKinds;
export const NOTIFICATION_KINDS = Object.keys(notificationKinds) as TNotificationKind[];
export const ZNotificationKind = z.enum(
  NOTIFICATION_KINDS as [TNotificationKind, ...TNotificationKind[]],
);
export type TNotificationPayload<K extends TNotificationKind> = z.infer<
  (typeof notificationKinds)[K]
>;

/** The channels besides the app (the app shows every notification). */
export const NOTIFICATION_CHANNELS = ["email", "telegram"] as const;
export type TNotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Per kind, whether it also goes by email and by Telegram. Missing kinds use the defaults. */
export const ZNotificationPrefs = z.partialRecord(
  ZNotificationKind,
  z.strictObject({ email: z.boolean(), telegram: z.boolean() }),
);
export type TNotificationPrefs = z.infer<typeof ZNotificationPrefs>;
export const DEFAULT_NOTIFICATION_PREFS: Record<
  TNotificationKind,
  { email: boolean; telegram: boolean }
> = {
  "lead.assigned": { email: true, telegram: true },
  "callback.due": { email: false, telegram: true },
  "hold.expiring": { email: true, telegram: true },
  "deal.awaiting-approval": { email: true, telegram: true },
  "deal.decided": { email: true, telegram: true },
  "instalment.overdue": { email: true, telegram: false },
  "import.finished": { email: true, telegram: false },
  "export.ready": { email: true, telegram: false },
};

/** Whether a kind goes by a channel for someone with these preferences. */
export function wantsNotification(
  prefs: TNotificationPrefs | null | undefined,
  kind: TNotificationKind,
  channel: TNotificationChannel,
): boolean {
  return (prefs?.[kind] ?? DEFAULT_NOTIFICATION_PREFS[kind])[channel];
}

export const ZNotification = z.object({
  id,
  kind: ZNotificationKind,
  payload: z.record(z.string(), z.unknown()),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  /** The id of the last notification of the previous page. */
  before: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ZMarkReadRequest = z.union([
  z.strictObject({ ids: z.array(ZId).min(1).max(200) }),
  z.strictObject({ all: z.literal(true), upTo: ZId.optional() }),
]);

export const ZLanguage = z.enum(["ru", "uz", "en"]);

export const ZProfile = z.object({
  email: z.string().nullable(),
  language: ZLanguage,
  telegramLinked: z.boolean(),
  notificationPrefs: z.record(
    ZNotificationKind,
    z.object({ email: z.boolean(), telegram: z.boolean() }),
  ),
});
export type TProfile = z.infer<typeof ZProfile>;

export const ZUpdateProfileRequest = z
  .strictObject({
    email: z.email().max(254).nullable(),
    language: ZLanguage,
    notificationPrefs: ZNotificationPrefs,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });

export const notificationRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/notifications",
    summary: "Your notifications, newest first",
    tag: "notifications",
    access: ROLES.staff,
    query: ZListNotificationsQuery,
    status: 200,
    response: z.object({
      items: z.array(ZNotification),
      unread: z.number().int(),
      nextBefore: z.number().int().nullable(),
    }),
  }),
  unread: defineRoute({
    method: "get",
    path: "/api/notifications/unread",
    summary: "How many of your notifications are unread, and the newest unread id (cheap to poll)",
    tag: "notifications",
    access: ROLES.staff,
    status: 200,
    response: z.object({ unread: z.number().int(), latestId: z.number().int().nullable() }),
  }),
  markRead: defineRoute({
    method: "post",
    path: "/api/notifications/read",
    summary: "Mark some or all of your notifications read",
    tag: "notifications",
    access: ROLES.staff,
    body: ZMarkReadRequest,
    status: 200,
    response: z.object({ unread: z.number().int() }),
  }),
  profile: defineRoute({
    method: "get",
    path: "/api/profile",
    summary: "Your email, language, Telegram link and notification choices",
    tag: "notifications",
    access: ROLES.staff,
    status: 200,
    response: ZProfile,
  }),
  updateProfile: defineRoute({
    method: "patch",
    path: "/api/profile",
    summary: "Change your email, language or notification choices",
    tag: "notifications",
    access: ROLES.staff,
    body: ZUpdateProfileRequest,
    status: 200,
    response: ZProfile,
    problems: [409],
  }),
};
