import { z } from "zod";
import { text, ZId, ZIdParams, ZIsoDateTime } from "./common";
import { defineRoute } from "./routes";

/** A one-time code a staff member sends to the bot as `/link CODE`. */
export const ZTelegramLinkCode = z.strictObject({
  code: z.string(),
  expiresAt: ZIsoDateTime,
});
export type TTelegramLinkCode = z.infer<typeof ZTelegramLinkCode>;

/** Minutes a link code stays valid. */
export const TELEGRAM_LINK_CODE_MINUTES = 10;

/** A period a staff member is away: leads are not assigned to them meanwhile. */
export const ZStaffAbsence = z.strictObject({
  id: z.number().int(),
  userId: z.number().int(),
  startsAt: ZIsoDateTime,
  endsAt: ZIsoDateTime,
  reason: z.string(),
});
export type TStaffAbsence = z.infer<typeof ZStaffAbsence>;

export const ZCreateAbsenceRequest = z
  .strictObject({
    userId: ZId,
    startsAt: ZIsoDateTime,
    endsAt: ZIsoDateTime,
    reason: text(200, { min: 0 }).default(""),
  })
  .refine((absence) => Date.parse(absence.endsAt) > Date.parse(absence.startsAt), {
    path: ["endsAt"],
    message: "An absence must end after it starts",
  });
export type TCreateAbsenceRequest = z.input<typeof ZCreateAbsenceRequest>;

/** Who plans the team's days: admins and the heads of sales. */
const PLANNERS = ["ADMIN", "ROP", "MOP"] as const;

export const telegramRoutes = {
  linkCode: defineRoute({
    method: "post",
    path: "/api/profile/telegram-code",
    summary: `A one-time code to link your account to the Telegram bot (/link CODE), valid ${TELEGRAM_LINK_CODE_MINUTES} minutes`,
    tag: "profile",
    access: "authenticated",
    status: 201,
    response: ZTelegramLinkCode,
  }),
  unlink: defineRoute({
    method: "delete",
    path: "/api/profile/telegram",
    summary: "Unlink your account from Telegram",
    tag: "profile",
    access: "authenticated",
    status: 204,
    response: null,
  }),
  absences: defineRoute({
    method: "get",
    path: "/api/absences",
    summary: "Current and future absences of staff (no leads are assigned to the absent)",
    tag: "users",
    access: PLANNERS,
    status: 200,
    response: z.strictObject({ items: z.array(ZStaffAbsence) }),
  }),
  addAbsence: defineRoute({
    method: "post",
    path: "/api/absences",
    summary: "Record an absence of a staff member",
    tag: "users",
    access: PLANNERS,
    body: ZCreateAbsenceRequest,
    status: 201,
    response: ZStaffAbsence,
    problems: [404],
  }),
  removeAbsence: defineRoute({
    method: "delete",
    path: "/api/absences/:id",
    summary: "Remove an absence",
    tag: "users",
    access: PLANNERS,
    params: ZIdParams,
    status: 204,
    response: null,
    problems: [404],
  }),
};
