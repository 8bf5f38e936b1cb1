import { z } from "zod";

/**
 * The Instagram connection's environment, shared by the API and the worker (both merge it into
 * their env schema). Every endpoint is configurable, so tests point them at a local fake server.
 */
export const ZInstagramEnv = z.object({
  INSTAGRAM_CLIENT_ID: z.string().optional(),
  /** The app secret: exchanges codes and signs webhook deliveries (X-Hub-Signature-256). */
  INSTAGRAM_CLIENT_SECRET: z.string().optional(),
  /** Where Instagram sends the admin back: the SPA's marketing page. */
  INSTAGRAM_REDIRECT_URI: z.string().optional(),
  /** 32 bytes as 64 hex digits or base64: encrypts the stored token (AES-256-GCM). */
  INSTAGRAM_TOKEN_KEY: z.string().optional(),
  /** What the webhook subscription's verification request must present. */
  INSTAGRAM_VERIFY_TOKEN: z.string().optional(),
  INSTAGRAM_SCOPES: z
    .string()
    .default(
      "instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments",
    ),
  INSTAGRAM_AUTHORIZE_URL: z.string().default("https://www.instagram.com/oauth/authorize"),
  INSTAGRAM_OAUTH_URL: z.string().default("https://api.instagram.com"),
  INSTAGRAM_GRAPH_URL: z.string().default("https://graph.instagram.com"),
});
export type InstagramEnv = z.infer<typeof ZInstagramEnv>;

export interface InstagramConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  tokenKey: Buffer;
  verifyToken: string | null;
  scopes: string[];
  authorizeUrl: string;
  oauthUrl: string;
  graphUrl: string;
  /** Signs the OAuth `state` (the API's JWT secret). */
  stateSecret: string;
}

function readKey(value: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, "hex")
    : Buffer.from(value, "base64");
  return key.length === 32 ? key : null;
}

/**
 * The connection's settings, or why there are none: without a client id, secret, redirect URI
 * and a valid token key the feature says it is not configured instead of storing a token in
 * the clear.
 */
export function instagramConfigFromEnv(
  env: InstagramEnv,
  stateSecret: string,
): { config: InstagramConfig | null; missing: string[] } {
  const missing: string[] = [];
  if (!env.INSTAGRAM_CLIENT_ID) missing.push("INSTAGRAM_CLIENT_ID");
  if (!env.INSTAGRAM_CLIENT_SECRET) missing.push("INSTAGRAM_CLIENT_SECRET");
  if (!env.INSTAGRAM_REDIRECT_URI) missing.push("INSTAGRAM_REDIRECT_URI");
  const tokenKey = env.INSTAGRAM_TOKEN_KEY ? readKey(env.INSTAGRAM_TOKEN_KEY) : null;
  if (!tokenKey) missing.push("INSTAGRAM_TOKEN_KEY");
  if (missing.length || !tokenKey) return { config: null, missing };
  return {
    missing,
    config: {
      clientId: env.INSTAGRAM_CLIENT_ID!,
      clientSecret: env.INSTAGRAM_CLIENT_SECRET!,
      redirectUri: env.INSTAGRAM_REDIRECT_URI!,
      tokenKey,
      verifyToken: env.INSTAGRAM_VERIFY_TOKEN ?? null,
      scopes: env.INSTAGRAM_SCOPES.split(",")
        .map((scope) => scope.trim())
        .filter(Boolean),
      authorizeUrl: env.INSTAGRAM_AUTHORIZE_URL,
      oauthUrl: env.INSTAGRAM_OAUTH_URL.replace(/\/$/, ""),
      graphUrl: env.INSTAGRAM_GRAPH_URL.replace(/\/$/, ""),
      stateSecret,
    },
  };
}
