/**
 * Error codes the services throw. What each means over HTTP (its status) is decided by the API
 * in one table; the bot and the worker read the same codes.
 */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  /** It existed and is gone for good (an expired export's file). */
  "GONE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "LOGIN_LOCKED",
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: "Invalid input",
  MALFORMED_JSON: "Malformed JSON body",
  UNAUTHENTICATED: "Not authenticated",
  INVALID_CREDENTIALS: "Invalid login or password",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  GONE: "Gone",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  LOGIN_LOCKED: "Too many failed logins",
  UNAVAILABLE: "Service unavailable",
  INTERNAL: "Internal server error",
};

export interface FieldError {
  path: string;
  message: string;
  code: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** Extension members of the problem body (RFC 9457 §3.2). */
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: {
      message?: string;
      detail?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(options.message ?? options.detail ?? ERROR_TITLES[code]);
    this.name = "AppError";
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}

export const notFound = (what = "Resource") =>
  new AppError("NOT_FOUND", { detail: `${what} not found` });
