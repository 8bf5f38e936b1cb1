import nodemailer from "nodemailer";
import type { Logger } from "pino";

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part, when the email has one. */
  html?: string;
}

export interface Mailer {
  /** Sends one email; resolves with whether it went to an SMTP server. */
  send(email: OutgoingEmail): Promise<{ delivered: boolean; messageId?: string }>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Without it (development, demo) emails are only
 * logged, so jobs still complete and nothing piles up in the queue.
 */
export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const { smtpUrl, from, logger } = options;
  if (!smtpUrl) {
    return {
      async send(email) {
        logger.info(
          { to: email.to, subject: email.subject },
          "SMTP_URL not set: email logged, not sent",
        );
        return { delivered: false };
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      const info = await transport.sendMail({ from, ...email });
      return { delivered: true, messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}
