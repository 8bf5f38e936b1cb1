/** Error codes the services throw; HTTP statuses are decided in one table, here. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOGIN_LOCKED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: "Invalid input",
  MALFORMED_JSON: "Malformed JSON body",
  UNAUTHENTICATED: "Not authenticated",
  INVALID_CREDENTIALS: "Invalid login or password",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
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

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Resource") =>
  new AppError("NOT_FOUND", { detail: `${what} not found` });
