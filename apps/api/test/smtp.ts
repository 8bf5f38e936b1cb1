import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/**
 * A local SMTP server for the tests: nodemailer talks real SMTP to it. It keeps what it
 * receives, parsed; `failing` makes it refuse every message with a temporary error (451).
 */
export async function startSmtpServer() {
  const received: ReceivedEmail[] = [];
  const state = { failing: false, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!state.failing) return callback();
      state.refused += 1;
      const error = Object.assign(new Error("Mailbox unavailable, try later"), {
        responseCode: 451,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            mail,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    /** Stops listening; connections a client left open are not waited for. */
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
