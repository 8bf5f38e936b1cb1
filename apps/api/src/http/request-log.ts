import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "../lib/logger";

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A sane incoming X-Request-Id is kept, so a trace crosses the proxy; otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** What one request's log line says. */
export interface RequestLine {
  reqId: string;
  method: string | undefined;
  url: string | undefined;
  status: number;
  ms: number;
  user?: number;
}

/** Writes one request's line: info, warn for 4xx, error for 5xx. */
export function writeRequestLine(logger: Logger, line: RequestLine): void {
  const level = line.status >= 500 ? "error" : line.status >= 400 ? "warn" : "info";
  if (logger.isLevelEnabled(level)) logger[level](line, "request");
}

/**
 * Structured request log: one line per request when it finishes, with the request id. Written
 * by hand rather than with pino-http, whose per-request child logger cost more than a list query.
 * The public fast path writes the same line (public-fast-path.ts).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      writeRequestLine(logger, {
        reqId: id,
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        user: req.user?.id,
      });
    });
    next();
  };
}
