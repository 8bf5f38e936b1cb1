import { notificationKinds, type TNotificationKind } from "@crm/contracts";
import type { Db } from "@crm/db";
import { emailLanguage, renderNotificationEmail, type RenderedEmail } from "./email-templates";
import { effectivePrefs } from "./notifications";

export interface NotificationEmail extends RenderedEmail {
  to: string;
}

/** Sends one email; `delivered: false` when no SMTP server is configured (logged only). */
export type SendEmail = (email: NotificationEmail) => Promise<{ delivered: boolean }>;

export interface DeliveryOptions {
  /** The last attempt of the run: an email that fails now is marked FAILED, not retried. */
  finalAttempt: boolean;
  /** Rows looked at per run. */
  limit?: number;
}

const parsePayload = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export class EmailDeliveryError extends Error {
  override readonly name = "EmailDeliveryError";
}

/**
 * The email outbox: notifications whose email is PENDING go to users who want that kind by
 * email (profile choices, defaults from the contracts) and have an address; the others are
 * marked SKIPPED. Each email is claimed first (PENDING → SENDING, a conditional update), so two
 * runs at once — a schedule tick and a run the API enqueued, or two workers — never send one
 * twice; after sending it is SENT (or SKIPPED when no SMTP server is configured).
 *
 * When the SMTP server fails, the claimed email goes back to PENDING and the run stops with an
 * error, so the job retries with backoff; on the final attempt it is marked FAILED instead. A
 * process that dies mid-send leaves its email SENDING: possibly sent, so never sent again.
 */
export async function deliverPendingEmails(db: Db, send: SendEmail, options: DeliveryOptions) {
  const rows = await db.notification.findMany({
    where: { emailStatus: "PENDING" },
    orderBy: { id: "asc" },
    take: options.limit ?? 200,
    select: {
      id: true,
      kind: true,
      payload: true,
      user: {
        select: { email: true, language: true, notificationPrefs: true, isActive: true },
      },
    },
  });
  const result = { sent: 0, logged: 0, skipped: 0 };
  const move = (id: number, from: "PENDING" | "SENDING", to: "SENDING" | "SENT" | "SKIPPED") =>
    db.notification.updateMany({ where: { id, emailStatus: from }, data: { emailStatus: to } });

  for (const row of rows) {
    const kind = row.kind as TNotificationKind;
    const schema = notificationKinds[kind];
    const payload = schema?.safeParse(parsePayload(row.payload));
    const wanted =
      row.user.isActive &&
      row.user.email &&
      schema &&
      payload?.success &&
      effectivePrefs(row.user.notificationPrefs)[kind].email;
    if (!wanted || !row.user.email || !payload?.success) {
      result.skipped += (await move(row.id, "PENDING", "SKIPPED")).count;
      continue;
    }
    if ((await move(row.id, "PENDING", "SENDING")).count === 0) continue; // another run has it
    const email = renderNotificationEmail(
      kind,
      payload.data as never,
      emailLanguage(row.user.language),
    );
    try {
      const { delivered } = await send({ to: row.user.email, ...email });
      await move(row.id, "SENDING", delivered ? "SENT" : "SKIPPED");
      if (delivered) result.sent += 1;
      else result.logged += 1;
    } catch (error) {
      await db.notification.updateMany({
        where: { id: row.id, emailStatus: "SENDING" },
        data: { emailStatus: options.finalAttempt ? "FAILED" : "PENDING" },
      });
      const reason = error instanceof Error ? error.message : String(error);
      throw new EmailDeliveryError(
        `email of notification ${row.id} to ${row.user.email} failed: ${reason} (${result.sent} sent before it)`,
      );
    }
  }
  return result;
}
