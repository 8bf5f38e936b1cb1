import type { TProblemFieldError } from "@crm/contracts";
import type { z } from "zod";
import type { ShellKey, Translate } from "../i18n";
import type { ApiError } from "./api";

/** Field name → message shown under that field. */
export type FieldErrors = Partial<Record<string, string>>;

/** Problem paths may name where the field came from ("body.login", "/login"); forms want "login". */
export function fieldName(path: string | readonly PropertyKey[]): string {
  const segments = (typeof path === "string" ? path.split(/[./]/) : path.map(String)).filter(
    (segment) => segment !== "",
  );
  if (segments[0] === "body" || segments[0] === "query" || segments[0] === "params") {
    segments.shift();
  }
  return segments.join(".");
}

function describe(
  t: Translate<ShellKey>,
  field: string,
  issue: { code: string; message: string; minimum?: unknown; maximum?: unknown; format?: unknown },
): string {
  switch (issue.code) {
    case "too_small":
      if (typeof issue.minimum === "number" || typeof issue.minimum === "bigint") {
        return Number(issue.minimum) <= 1
          ? t("validation.required")
          : t("validation.tooShort", { min: Number(issue.minimum) });
      }
      return t("validation.tooShortGeneric");
    case "too_big":
      if (typeof issue.maximum === "number" || typeof issue.maximum === "bigint") {
        return t("validation.tooLong", { max: Number(issue.maximum) });
      }
      return t("validation.tooLongGeneric");
    case "invalid_format":
    case "invalid_string":
      return field === "login" ? t("validation.login") : t("validation.format");
    case "invalid_value":
    case "invalid_enum_value":
      return t("validation.choice");
    case "invalid_type":
      return t("validation.required");
    case "custom":
      return field === "phone" ? t("validation.phone") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** Client-side validation with the contract schema, in the same shape as server errors. */
export function zodFieldErrors(t: Translate<ShellKey>, error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldName(issue.path);
    errors[field] ??= describe(t, field, issue);
  }
  return errors;
}

/** The message for one field when a value fails its contract schema; undefined when it passes. */
export function schemaFieldError(
  t: Translate<ShellKey>,
  schema: z.ZodType,
  value: unknown,
  field: string,
): string | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  return zodFieldErrors(t, parsed.error)[field] ?? t("validation.invalid");
}

/** Per-field errors of a 400 problem. */
export function problemFieldErrors(t: Translate<ShellKey>, error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const item of error.fieldErrors as TProblemFieldError[]) {
    const field = fieldName(item.path);
    errors[field] ??= describe(t, field, item);
  }
  return errors;
}
