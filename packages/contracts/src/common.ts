import { z } from "zod";
import { ROLE_CODES } from "./roles";

export const ZRoleCode = z.enum(ROLE_CODES);

/** A user as other records name them. */
export const ZUserRef = z.object({ id: z.number().int(), name: z.string() });

export const ZCurrency = z.enum(["UZS", "USD"]);
export type TCurrency = z.infer<typeof ZCurrency>;

export const ZApartmentStatus = z.enum(["FREE", "BOOKED", "SOLD", "UNAVAILABLE"]);
export const ZLeadStatus = z.enum(["NEW", "IN_PROGRESS", "MEETING", "BOOKED", "SOLD", "LOST"]);
export const ZLeadSource = z.enum([
  "INSTAGRAM",
  "TELEGRAM",
  "LANDING",
  "WEBSITE",
  "PHONE",
  "WALK_IN",
  "REFERRAL",
  "OTHER",
]);
export const ZContractStatus = z.enum(["DRAFT", "SIGNED", "CANCELLED"]);
export const ZContractApproval = z.enum(["NOT_REQUIRED", "PENDING", "APPROVED", "REJECTED"]);
export const ZPaymentStatus = z.enum(["SCHEDULED", "PAID", "OVERDUE"]);
export const ZPaymentKind = z.enum(["DOWN_PAYMENT", "INSTALLMENT", "OTHER"]);
export const ZPaymentMethod = z.enum(["CASH", "CARD", "BANK_TRANSFER", "OTHER"]);
export const ZDrawStatus = z.enum(["OPEN", "DRAWN", "CANCELLED"]);

/** Ids are PostgreSQL `integer` columns: 1 … 2^31−1. */
export const MAX_ID = 2_147_483_647;

/**
 * A database id. Paths, query strings and the SPA's URLs carry it as digits, JSON bodies as a
 * number; anything else (booleans, arrays, "1e3", " 7") is refused rather than coerced.
 */
export const ZId = z.preprocess(
  (value) => (typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : value),
  z.number().int().min(1).max(MAX_ID),
);
export const ZIdParams = z.strictObject({ id: ZId });
export type TIdParams = z.infer<typeof ZIdParams>;

/** Dates a CRM deals in: contracts, schedules and call-backs, not history or far future. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const YEAR_MESSAGE = `The year must be between ${MIN_YEAR} and ${MAX_YEAR}`;

/** ISO 8601 date-time with `Z` or an offset; real calendar days, years MIN_YEAR…MAX_YEAR. */
export const ZIsoDateTime = z.iso.datetime({ offset: true }).refine(yearInRange, YEAR_MESSAGE);
/** A calendar month, `YYYY-MM`. */
export const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month as YYYY-MM")
  .refine(yearInRange, YEAR_MESSAGE);

/**
 * Money in minor units: whole, non-negative and at most 10^14 (a trillion UZS, far above any
 * flat), so that sums over a schedule or a report stay exact JavaScript numbers.
 */
export const MAX_MONEY = 100_000_000_000_000;
export const ZMoney = z.number().int().min(0).max(MAX_MONEY);

/**
 * Characters no text field accepts: C0 controls, DEL and lone UTF-16 surrogates. None can be
 * typed; PostgreSQL refuses NUL in text and a lone surrogate turns into U+FFFD on the way in.
 * Multi-line fields (notes, comments, descriptions) keep tab, line feed and carriage return.
 * With the `u` flag a surrogate pair is one code point, so emoji pass and only lone halves fail.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001F\u007F\uD800-\uDFFF]*$/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF]*$/u;
const CONTROL_MESSAGE = "Control characters are not allowed";

export interface TextOptions {
  /** Fewest characters after trimming (default 1). */
  min?: number;
  /** Tab, line feed and carriage return allowed (notes, comments, descriptions). */
  multiline?: boolean;
  /** Trim surrounding white space first (default true; passwords are taken as typed). */
  trim?: boolean;
}

/**
 * The one string type of every input field, query parameter and cursor: bounded length and no
 * control characters. Trimmed and non-empty unless told otherwise.
 */
export function text(max: number, options: TextOptions = {}) {
  const { min = 1, multiline = false, trim = true } = options;
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min)
    .max(max)
    .regex(multiline ? MULTI_LINE : SINGLE_LINE, CONTROL_MESSAGE);
}
/** Text that may be empty. */
export const optionalText = (max: number, options: Omit<TextOptions, "min"> = {}) =>
  text(max, { ...options, min: 0 });

/** Whether a string is free of the characters `text()` refuses (for values built elsewhere). */
export const isPlainText = (value: string, multiline = false) =>
  (multiline ? MULTI_LINE : SINGLE_LINE).test(value);

/**
 * Keyset cursors are base64url JSON of the last row's sort key. They come back from clients,
 * so their payload is checked here like any other input (ids within MAX_ID, dates in range)
 * before a service turns it into SQL. Returns undefined for anything that is not a cursor.
 */
export function readCursor(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const base64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
  try {
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/** A cursor query parameter whose payload must match `payload`. */
export const cursorOf = (payload: z.ZodType) =>
  text(300).refine((cursor) => payload.safeParse(readCursor(cursor)).success, "Invalid cursor");

/** Keyset pagination: `cursor` is opaque to clients; `limit` is bounded. */
export const ZPageQuery = z.object({
  cursor: cursorOf(ZId).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** RFC 9457 problem details, plus our machine-readable `code` and per-field `errors`. */
export const ZProblemFieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
/** Loose: problem bodies may carry extension members (RFC 9457 §3.2), e.g. `duplicate`. */
export const ZProblem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ZProblemFieldError).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
export type TProblemFieldError = z.infer<typeof ZProblemFieldError>;
