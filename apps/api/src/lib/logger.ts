import pino from "pino";

export type Logger = pino.Logger;

/**
 * JSON lines on stdout. Written asynchronously: lines logged while a write is in flight go out
 * together in the next one, instead of one blocking write per request line (on the hot reads
 * that write was a measurable share of a request). Pino flushes what is pending when the
 * process exits, a crash included.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: "api" },
      redact: {
        paths: [
          "req.headers.cookie",
          "req.headers.authorization",
          'res.headers["set-cookie"]',
          "password",
        ],
        censor: "[redacted]",
      },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
