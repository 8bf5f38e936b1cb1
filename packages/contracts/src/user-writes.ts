import { z } from "zod";
import { optionalText, text, ZIdParams, ZRoleCode } from "./common";
import { ZPhone } from "./phone";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";
import { ZLogin, ZPassword, ZTelegramChatId, ZUser } from "./users";

/*
 * The requests that write a user's fields, apart from the rest of the users' contracts: they
 * check phone numbers (see lead-writes.ts), and pages that only list people (owner pickers,
 * filters) should not load libphonenumber for it.
 */

export const ZCreateUserRequest = z.strictObject({
  login: ZLogin,
  password: ZPassword,
  firstName: text(100),
  lastName: optionalText(100).default(""),
  phone: ZPhone.nullable().optional(),
  role: ZRoleCode,
  telegramChatId: ZTelegramChatId.nullable().optional(),
});
export type TCreateUserRequest = z.input<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .strictObject({
    firstName: text(100),
    lastName: optionalText(100),
    phone: ZPhone.nullable(),
    role: ZRoleCode,
    isActive: z.boolean(),
    telegramChatId: ZTelegramChatId.nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });
export type TUpdateUserRequest = z.input<typeof ZUpdateUserRequest>;

export const userWriteRoutes = {
  create: defineRoute({
    method: "post",
    path: "/api/users",
    summary: "Create a user",
    tag: "users",
    access: ROLES.admin,
    body: ZCreateUserRequest,
    status: 201,
    response: ZUser,
    problems: [409],
  }),
  update: defineRoute({
    method: "patch",
    path: "/api/users/:id",
    summary: "Change a user's names, phone, role or active flag",
    tag: "users",
    access: ROLES.admin,
    params: ZIdParams,
    body: ZUpdateUserRequest,
    status: 200,
    response: ZUser,
    problems: [404, 409],
  }),
};
