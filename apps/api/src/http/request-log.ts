import crypto from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../lib/logger";

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Structured request log: one line per request when it finishes, with the request id (a sane
 * incoming X-Request-Id is kept, so a trace crosses the proxy). Written by hand rather than with
 * pino-http, whose per-request child logger cost more than a list query.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id =
      typeof incoming === "string" && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    req.id = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const status = res.statusCode;
      const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          reqId: id,
          method: req.method,
          url: req.originalUrl,
          status,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          user: req.user?.id,
        },
        "request",
      );
    });
    next();
  };
}
