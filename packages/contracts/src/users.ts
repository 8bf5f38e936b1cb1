import { z } from "zod";
import { optionalText, page, text, ZIdParams, ZPageQuery, ZRoleCode } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

export const ZPassword = text(128, { min: 8, trim: false });
export const ZLogin = text(64, { min: 3 }).regex(
  /^[a-zA-Z0-9._-]+$/,
  "Latin letters, digits, dot, dash and underscore only",
);

/** Telegram chat ids are (possibly negative) 64-bit integers, kept as text. */
export const ZTelegramChatId = text(21).regex(/^-?\d{1,20}$/, "A Telegram chat id: digits only");

export const ZUser = z.object({
  id: z.number().int(),
  login: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  role: ZRoleCode,
  isActive: z.boolean(),
  telegramChatId: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZRole = z.object({ code: ZRoleCode, name: z.string() });
export type TRole = z.infer<typeof ZRole>;

export const ZListUsersQuery = ZPageQuery.extend({
  role: ZRoleCode.optional(),
  active: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  q: optionalText(100).optional(),
}).strict();

export const ZResetPasswordRequest = z.strictObject({ password: ZPassword });

export const ZAssignableUser = z.object({
  id: z.number().int(),
  name: z.string(),
  role: ZRoleCode,
});

export const userRoutes = {
  assignable: defineRoute({
    method: "get",
    path: "/api/users/assignable",
    summary: "Active sellers and sales managers a lead can be given to",
    tag: "users",
    access: ROLES.salesManagers,
    status: 200,
    response: z.object({ items: z.array(ZAssignableUser) }),
  }),
  list: defineRoute({
    method: "get",
    path: "/api/users",
    summary: "List users",
    tag: "users",
    access: ROLES.admin,
    query: ZListUsersQuery,
    status: 200,
    response: page(ZUser),
  }),
  get: defineRoute({
    method: "get",
    path: "/api/users/:id",
    summary: "Read a user",
    tag: "users",
    access: ROLES.admin,
    params: ZIdParams,
    status: 200,
    response: ZUser,
    problems: [404],
  }),
  resetPassword: defineRoute({
    method: "post",
    path: "/api/users/:id/password",
    summary: "Set a new password; the user's existing sessions end",
    tag: "users",
    access: ROLES.admin,
    params: ZIdParams,
    body: ZResetPasswordRequest,
    status: 204,
    response: null,
    problems: [404],
  }),
  roles: defineRoute({
    method: "get",
    path: "/api/roles",
    summary: "Roles and their display names",
    tag: "users",
    access: "authenticated",
    status: 200,
    response: z.object({ items: z.array(ZRole) }),
  }),
};
