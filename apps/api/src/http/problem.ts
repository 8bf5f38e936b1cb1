import type { Request, Response } from "express";
import type { TProblem } from "@crm/contracts";
import { ERROR_TITLES, type ErrorCode, type FieldError } from "@crm/core";

/** What each error code of the core means over HTTP. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOGIN_LOCKED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const PROBLEM_TYPE_BASE = "https://realestate-crm.uz/problems/";

/** Writes an RFC 9457 problem body. Only the error handler and the pre-route guards call this. */
export function sendProblem(
  req: Request,
  res: Response,
  code: ErrorCode,
  options: {
    detail?: string;
    errors?: FieldError[];
    headers?: Record<string, string>;
    extra?: Record<string, unknown>;
  } = {},
) {
  const status = ERROR_STATUS[code];
  const body: TProblem & Record<string, unknown> = {
    ...options.extra,
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, "-"),
    title: ERROR_TITLES[code],
    status,
    code,
    instance: req.originalUrl.split("?")[0],
    requestId: String(req.id ?? ""),
  };
  if (options.detail) body.detail = options.detail;
  if (options.errors) body.errors = options.errors;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.status(status).type("application/problem+json").send(JSON.stringify(body));
}
