import { normalizePhone, type TInstagramStatus } from "@crm/contracts";
import type { Db } from "@crm/db";
import { audit, type AuditActor } from "../audit";
import { AppError } from "../errors";
import { receiveLeadRequest } from "../leads/intake";
import { refreshLeadActivity } from "../leads/lead-activity";
import type { InstagramConfig } from "./instagram-config";
import {
  checkState,
  checkWebhookSignature,
  decryptToken,
  encryptToken,
  signState,
} from "./secrets";

/** The one connection row. */
const ROW = 1;
/** How long an admin has to come back from Instagram's consent page. */
export const STATE_TTL_MS = 10 * 60_000;
/** Long-lived tokens last 60 days; refresh once less than this is left. */
export const REFRESH_BEFORE_MS = 10 * 24 * 3_600_000;

const notConfigured = () =>
  new AppError("CONFLICT", {
    detail: "Instagram is not configured on this server (see INSTAGRAM_* in .env.example)",
  });

export async function instagramStatus(
  db: Db,
  config: InstagramConfig | null,
  missing: string[] = [],
): Promise<TInstagramStatus> {
  const row = await db.instagramConnection.findUnique({ where: { id: ROW } });
  return {
    configured: config !== null,
    missing,
    connection: row && {
      accountId: row.accountId,
      username: row.username,
      expiresAt: row.tokenExpiresAt.toISOString(),
      status: row.status === "REFRESH_FAILED" ? "REFRESH_FAILED" : "ACTIVE",
      lastError: row.lastError,
      connectedAt: row.connectedAt.toISOString(),
      refreshedAt: row.refreshedAt?.toISOString() ?? null,
    },
  };
}

/** Step 1: the consent URL, with a state only this session can bring back, for 10 minutes. */
export function authorizeUrl(config: InstagramConfig | null, sessionId: string, now = new Date()) {
  if (!config) throw notConfigured();
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const url = new URL(config.authorizeUrl);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", config.scopes.join(","));
  url.searchParams.set("state", signState(config.stateSecret, sessionId, expiresAt));
  return { authorizeUrl: url.toString(), expiresAt: expiresAt.toISOString() };
}

async function callInstagram<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new AppError("CONFLICT", {
      detail: `Instagram could not be reached: ${(error as Error).message}`,
    });
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: { message?: string }; error_message?: string }) | null;
  if (!response.ok || !body) {
    const reason = body?.error?.message ?? body?.error_message ?? `HTTP ${response.status}`;
    throw new AppError("CONFLICT", { detail: `Instagram refused: ${reason}` });
  }
  return body;
}

const tokenExpiry = (now: Date, expiresIn: unknown) =>
  new Date(now.getTime() + (typeof expiresIn === "number" ? expiresIn : 60 * 86_400) * 1000);

/**
 * Step 2, the admin back from Instagram: the state must be this session's and fresh; a denied
 * consent stops here; the code becomes a short-lived token, then a long-lived one, which is
 * stored encrypted with the account it belongs to.
 */
export async function completeConnection(
  db: Db,
  config: InstagramConfig | null,
  input: {
    actor: AuditActor;
    sessionId: string;
    state: string;
    code?: string;
    error?: string;
    errorDescription?: string;
  },
  now = new Date(),
) {
  if (!config) throw notConfigured();
  const verdict = checkState(config.stateSecret, input.state, input.sessionId, now);
  if (verdict === "forged") {
    throw new AppError("FORBIDDEN", {
      detail: "This answer from Instagram does not belong to a connect started in this session",
    });
  }
  if (verdict === "expired") {
    throw new AppError("VALIDATION_FAILED", {
      detail: "The connect request expired; start again",
      errors: [{ path: "state", message: "expired", code: "expired" }],
    });
  }
  if (input.error || !input.code) {
    throw new AppError("VALIDATION_FAILED", {
      detail: `Access was not granted on Instagram${input.errorDescription ? `: ${input.errorDescription}` : ""}`,
      errors: [{ path: "code", message: input.error ?? "missing", code: "denied" }],
    });
  }
  const short = await callInstagram<{ access_token: string; user_id?: number | string }>(
    `${config.oauthUrl}/oauth/access_token`,
    {
      method: "POST",
      body: new URLSearchParams({
        client_id: config.clientId,
        client_secret: config.clientSecret,
        grant_type: "authorization_code",
        redirect_uri: config.redirectUri,
        code: input.code,
      }),
    },
  );
  const long = await callInstagram<{ access_token: string; expires_in?: number }>(
    `${config.graphUrl}/access_token?${new URLSearchParams({
      grant_type: "ig_exchange_token",
      client_secret: config.clientSecret,
      access_token: short.access_token,
    })}`,
  );
  const me = await callInstagram<{ user_id?: string | number; id?: string; username?: string }>(
    `${config.graphUrl}/me?${new URLSearchParams({
      fields: "user_id,username",
      access_token: long.access_token,
    })}`,
  );
  const accountId = String(me.user_id ?? me.id ?? short.user_id ?? "");
  const username = me.username ?? accountId;
  const expiresAt = tokenExpiry(now, long.expires_in);
  const data = {
    accountId,
    username,
    tokenCipher: encryptToken(config.tokenKey, long.access_token),
    tokenExpiresAt: expiresAt,
    status: "ACTIVE",
    lastError: null,
    connectedById: input.actor.id,
    connectedAt: now,
    refreshedAt: null,
  };
  await db.$transaction(async (tx) => {
    await tx.instagramConnection.upsert({
      where: { id: ROW },
      create: { id: ROW, ...data },
      update: data,
    });
    await audit(tx, input.actor, {
      action: "instagram.connect",
      entityId: ROW,
      after: { accountId, username, expiresAt: expiresAt.toISOString() },
    });
  });
  return instagramStatus(db, config);
}

export async function disconnect(db: Db, actor: AuditActor): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.instagramConnection.findUnique({ where: { id: ROW } });
    if (!row) return;
    await tx.instagramConnection.delete({ where: { id: ROW } });
    await audit(tx, actor, {
      action: "instagram.disconnect",
      entityId: ROW,
      before: { accountId: row.accountId, username: row.username },
    });
  });
}

/**
 * The scheduled refresh: a token with less than REFRESH_BEFORE_MS left is exchanged for a new
 * 60-day one. A refusal marks the connection REFRESH_FAILED (the marketing page shows it) and
 * fails the run, so the job's retries and the Jobs page see it too.
 */
export async function refreshToken(
  db: Db,
  config: InstagramConfig | null,
  actor: AuditActor,
  now = new Date(),
): Promise<{ refreshed: boolean; expiresAt: string | null }> {
  const row = await db.instagramConnection.findUnique({ where: { id: ROW } });
  if (!config || !row)
    return { refreshed: false, expiresAt: row?.tokenExpiresAt.toISOString() ?? null };
  if (row.tokenExpiresAt.getTime() - now.getTime() > REFRESH_BEFORE_MS) {
    return { refreshed: false, expiresAt: row.tokenExpiresAt.toISOString() };
  }
  let fresh: { access_token: string; expires_in?: number };
  try {
    fresh = await callInstagram(
      `${config.graphUrl}/refresh_access_token?${new URLSearchParams({
        grant_type: "ig_refresh_token",
        access_token: decryptToken(config.tokenKey, row.tokenCipher),
      })}`,
    );
  } catch (error) {
    const message = error instanceof AppError ? (error.detail ?? error.message) : String(error);
    await db.instagramConnection.updateMany({
      where: { id: ROW, tokenCipher: row.tokenCipher },
      data: { status: "REFRESH_FAILED", lastError: message.slice(0, 500) },
    });
    throw error;
  }
  const expiresAt = tokenExpiry(now, fresh.expires_in);
  await db.$transaction(async (tx) => {
    // Conditional on the token read: a reconnect meanwhile is not overwritten.
    const changed = await tx.instagramConnection.updateMany({
      where: { id: ROW, tokenCipher: row.tokenCipher },
      data: {
        tokenCipher: encryptToken(config.tokenKey, fresh.access_token),
        tokenExpiresAt: expiresAt,
        status: "ACTIVE",
        lastError: null,
        refreshedAt: now,
      },
    });
    if (changed.count === 0) return;
    await audit(tx, actor, {
      action: "instagram.refresh",
      entityId: ROW,
      before: { expiresAt: row.tokenExpiresAt.toISOString() },
      after: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { refreshed: true, expiresAt: expiresAt.toISOString() };
}

/** The stored token in the clear, for calls to the Graph API (never leaves the server). */
export async function accessToken(db: Db, config: InstagramConfig): Promise<string | null> {
  const row = await db.instagramConnection.findUnique({ where: { id: ROW } });
  return row ? decryptToken(config.tokenKey, row.tokenCipher) : null;
}

interface InboundMessage {
  igUserId: string;
  username: string | null;
  text: string;
}

const str = (value: unknown) => (typeof value === "string" ? value : null);
const idOf = (value: unknown) =>
  typeof value === "string" && /^\d{1,30}$/.test(value) ? value : null;

/** Direct messages (`messaging`) and comments (`changes`, field "comments") of a delivery. */
function readMessages(entries: readonly unknown[], ownAccount: string | null): InboundMessage[] {
  const messages: InboundMessage[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== "object") continue;
    const { messaging, changes } = entry as { messaging?: unknown; changes?: unknown };
    for (const event of Array.isArray(messaging) ? messaging : []) {
      const sender = idOf((event as { sender?: { id?: unknown } })?.sender?.id);
      const message = (event as { message?: { text?: unknown; is_echo?: unknown } })?.message;
      if (!sender || !message || message.is_echo === true || sender === ownAccount) continue;
      messages.push({ igUserId: sender, username: null, text: str(message.text) ?? "" });
    }
    for (const change of Array.isArray(changes) ? changes : []) {
      const { field, value } = (change ?? {}) as { field?: unknown; value?: unknown };
      if (field !== "comments" || !value || typeof value !== "object") continue;
      const from = (value as { from?: { id?: unknown; username?: unknown } }).from;
      const sender = idOf(from?.id);
      if (!sender || sender === ownAccount) continue;
      messages.push({
        igUserId: sender,
        username: str(from?.username),
        text: str((value as { text?: unknown }).text) ?? "",
      });
    }
  }
  return messages;
}

/** The first valid phone number written in a message, in E.164. */
export function phoneInText(text: string): string | null {
  for (const candidate of text.match(/\+?\d[\d\s().-]{6,20}\d/g) ?? []) {
    const phone = normalizePhone(candidate.replace(/[\s().-]/g, ""));
    if (phone) return phone;
  }
  return null;
}

/**
 * A webhook delivery: the signature over the raw body with the app secret first (nothing is
 * read from an unsigned body), then each message or comment. One contact per Instagram user:
 * while there is no lead for them their latest message is kept on the contact; a message that
 * carries a phone number makes the lead through the intake rule (source INSTAGRAM), and later
 * messages are comments on that lead — however many times they write.
 */
export async function receiveWebhook(
  db: Db,
  config: InstagramConfig | null,
  input: {
    rawBody: Buffer;
    signature: string | undefined;
    entries: readonly unknown[];
    requestId: string;
  },
): Promise<{ received: number }> {
  if (!config) throw notConfigured();
  if (!checkWebhookSignature(config.clientSecret, input.rawBody, input.signature)) {
    throw new AppError("UNAUTHENTICATED", {
      detail: "X-Hub-Signature-256 does not match the body",
    });
  }
  const own = await db.instagramConnection.findUnique({
    where: { id: ROW },
    select: { accountId: true },
  });
  const messages = readMessages(input.entries, own?.accountId ?? null);
  for (const message of messages) await receiveMessage(db, message, input.requestId);
  return { received: messages.length };
}

async function receiveMessage(db: Db, message: InboundMessage, requestId: string) {
  const text = message.text.slice(0, 2000);
  const contact = await db.instagramContact.upsert({
    where: { igUserId: message.igUserId },
    create: { igUserId: message.igUserId, username: message.username, lastMessage: text },
    update: { lastMessage: text, ...(message.username ? { username: message.username } : {}) },
  });
  const handle = contact.username ? `@${contact.username}` : `id ${contact.igUserId}`;
  if (contact.leadId !== null) {
    const lead = await db.lead.findUnique({ where: { id: contact.leadId }, select: { id: true } });
    if (lead) {
      await db.$transaction(async (tx) => {
        await tx.comment.create({
          data: { leadId: lead.id, authorId: null, body: `Instagram ${handle}: ${text}` },
        });
        await refreshLeadActivity(tx, lead.id);
      });
      return;
    }
  }
  const phone = phoneInText(text);
  if (!phone) return;
  const { leadId } = await receiveLeadRequest(db, {
    fullName: contact.username ?? `Instagram ${contact.igUserId}`,
    phone,
    source: "INSTAGRAM",
    complexId: null,
    contact: `Instagram ${handle}: ${text}`,
    repeatNote: `Instagram ${handle}: ${text}`,
    requestId,
    sender: { channel: "instagram", key: contact.igUserId },
    phoneVerified: false,
  });
  if (leadId !== null) {
    await db.instagramContact.update({ where: { id: contact.id }, data: { leadId } });
  }
}
