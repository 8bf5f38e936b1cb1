import { z } from "zod";
import { text, ZRoleCode } from "./common";
import { defineRoute } from "./routes";

export const ZLoginRequest = z.strictObject({
  login: text(64),
  password: text(256, { trim: false }),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: z.number().int(),
  login: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  role: ZRoleCode,
  roleName: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({
  user: ZMe,
  /** Also set as the HTTP-only `access_token` cookie; API clients send it as a Bearer token. */
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresAt: z.string(),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const authRoutes = {
  login: defineRoute({
    method: "post",
    path: "/api/auth/login",
    summary: "Log in with login and password; sets the access_token cookie",
    tag: "auth",
    access: "public",
    body: ZLoginRequest,
    status: 200,
    response: ZLoginResponse,
    problems: [401, 429],
    examples: {
      body: { login: "seller", password: "demo12345" },
      response: {
        user: {
          id: 2,
          login: "seller",
          firstName: "Aziza",
          lastName: "Karimova",
          phone: "+998901234567",
          role: "SELLER",
          roleName: "Seller",
        },
        accessToken: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjJ9.signature",
        tokenType: "Bearer",
        expiresAt: "2026-03-02T10:30:00.000Z",
      },
    },
  }),
  logout: defineRoute({
    method: "post",
    path: "/api/auth/logout",
    summary: "Log out: end the session (its token stops working everywhere) and clear the cookie",
    tag: "auth",
    access: "public",
    status: 204,
    response: null,
  }),
  me: defineRoute({
    method: "get",
    path: "/api/auth/me",
    summary: "The logged-in user",
    tag: "auth",
    access: "authenticated",
    status: 200,
    response: ZMe,
  }),
};
