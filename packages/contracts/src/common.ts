import { z } from "zod";

export const ROLE_CODES = ["ADMIN", "SELLER", "MOP", "ROP", "FINANCIER"] as const;
export const ZRoleCode = z.enum(ROLE_CODES);
export type TRoleCode = z.infer<typeof ZRoleCode>;

/** Role groups that several routes and the access policy share. */
export const ROLES = {
  /** Everyone on the staff. */
  staff: ROLE_CODES,
  /** Who sells: works with leads, books flats, drafts contracts. */
  sales: ["ADMIN", "MOP", "SELLER"],
  /** Sales managers: the whole team's leads, reassigning, the team's calls. */
  salesManagers: ["ADMIN", "MOP"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly TRoleCode[]>;

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

/** Database ids are positive integers; path parameters arrive as strings. */
export const ZId = z.coerce.number().int().positive().max(2_147_483_647);
export const ZIdParams = z.strictObject({ id: ZId });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZIsoDateTime = z.iso.datetime({ offset: true });

/** Trimmed, non-empty text with an upper bound, so no field accepts megabytes. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max);

/**
 * Phone numbers normalised to E.164. Local Uzbek numbers (9 digits, or 998 without "+") get
 * +998; anything else must already carry a country code.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, "");
  if (!/^\+?\d{7,15}$/.test(digits)) return null;
  if (digits.startsWith("+")) return digits;
  if (digits.length === 9) return `+998${digits}`;
  if (digits.startsWith("998") && digits.length === 12) return `+${digits}`;
  if (digits.startsWith("8") && digits.length === 11) return `+7${digits.slice(1)}`;
  return `+${digits}`;
}

export const ZPhone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "Invalid phone number" });
      return z.NEVER;
    }
    return phone;
  });

/** Keyset pagination: `cursor` is opaque to clients; `limit` is bounded. */
export const ZPageQuery = z.object({
  cursor: z.string().max(200).optional(),
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
