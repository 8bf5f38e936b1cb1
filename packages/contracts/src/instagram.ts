import { z } from "zod";
import { optionalText, text } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

export const ZInstagramStatus = z.object({
  /** False when the server lacks the app's id, secret, redirect URI or token key. */
  configured: z.boolean(),
  /** The environment variables still to set, when not configured. */
  missing: z.array(z.string()),
  connection: z
    .object({
      accountId: z.string(),
      username: z.string(),
      /** When the long-lived token runs out; a job refreshes it well before. */
      expiresAt: z.string(),
      status: z.enum(["ACTIVE", "REFRESH_FAILED"]),
      lastError: z.string().nullable(),
      connectedAt: z.string(),
      refreshedAt: z.string().nullable(),
    })
    .nullable(),
});
export type TInstagramStatus = z.infer<typeof ZInstagramStatus>;

export const ZInstagramConnectReply = z.object({
  authorizeUrl: z.string(),
  /** The `state` in it is refused after this time. */
  expiresAt: z.string(),
});

/** What Instagram appended to the redirect URI, passed on by the marketing page. */
export const ZInstagramCallbackRequest = z.strictObject({
  state: text(1000),
  code: optionalText(2000).optional(),
  error: optionalText(200).optional(),
  error_reason: optionalText(200).optional(),
  error_description: optionalText(1000).optional(),
});

export const ZInstagramVerifyQuery = z.object({
  "hub.mode": optionalText(50).optional(),
  "hub.verify_token": optionalText(500).optional(),
  "hub.challenge": optionalText(500).optional(),
});

/** Meta's delivery envelope; entries are read by the core, each checked there. */
export const ZInstagramWebhookBody = z.object({
  object: text(50),
  entry: z.array(z.unknown()).max(1000),
});

export const instagramRoutes = {
  status: defineRoute({
    method: "get",
    path: "/api/instagram",
    summary: "The Instagram connection: configured, account, token expiry and status",
    tag: "instagram",
    access: ROLES.admin,
    status: 200,
    response: ZInstagramStatus,
  }),
  connect: defineRoute({
    method: "post",
    path: "/api/instagram/connect",
    summary: "Start connecting: the authorize URL with a signed state bound to this session",
    tag: "instagram",
    access: ROLES.admin,
    status: 200,
    response: ZInstagramConnectReply,
    problems: [409],
  }),
  callback: defineRoute({
    method: "post",
    path: "/api/instagram/callback",
    summary: "Finish connecting: check the state, exchange the code, store the token encrypted",
    tag: "instagram",
    access: ROLES.admin,
    body: ZInstagramCallbackRequest,
    status: 200,
    response: ZInstagramStatus,
    problems: [409],
  }),
  disconnect: defineRoute({
    method: "delete",
    path: "/api/instagram",
    summary: "Disconnect: delete the stored token",
    tag: "instagram",
    access: ROLES.admin,
    status: 204,
    response: null,
  }),
  verifyWebhook: defineRoute({
    method: "get",
    path: "/api/instagram/webhook",
    summary: "Webhook subscription check: echoes hub.challenge for the right verify token",
    tag: "instagram",
    access: "public",
    query: ZInstagramVerifyQuery,
    status: 200,
    response: null,
    produces: "text/plain",
    problems: [403, 409],
  }),
  webhook: defineRoute({
    method: "post",
    path: "/api/instagram/webhook",
    summary: "Messages and comments from Instagram (X-Hub-Signature-256 checked): leads",
    tag: "instagram",
    access: "public",
    body: ZInstagramWebhookBody,
    status: 200,
    response: z.object({ received: z.number().int() }),
    problems: [401, 409],
  }),
} as const;
