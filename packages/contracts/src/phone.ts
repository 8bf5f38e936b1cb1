import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js/max";
import { z } from "zod";
import { isPlainText, text } from "./common";

let phoneRegion: CountryCode = "UZ";

export const isPhoneRegion = (value: string): value is CountryCode => isSupportedCountry(value);

/**
 * The country whose numbers may be written without a country code (UZ unless configured: the
 * API applies `PHONE_DEFAULT_REGION` at boot; the SPA keeps the same default).
 */
export function setDefaultPhoneRegion(region: string): void {
  if (!isPhoneRegion(region)) throw new RangeError(`Unknown phone region ${region}`);
  phoneRegion = region;
}
export const defaultPhoneRegion = (): CountryCode => phoneRegion;

/**
 * A phone number in E.164, or null when it is not a valid number. National numbers are read in
 * the default region (`90 111 22 33` → +998901112233), international ones with `+` or `00`
 * (`00998…`) or the bare country code (`998…`). Validity comes from libphonenumber's full
 * metadata, so `0901112233` or `12345` are refused instead of stored as `+0901112233`.
 * Extensions are refused too: one lead per number depends on one spelling per number.
 */
export function normalizePhone(input: string, region: CountryCode = phoneRegion): string | null {
  if (input.length > 32 || !isPlainText(input)) return null;
  const phone = parsePhoneNumberFromString(input, { defaultCountry: region, extract: false });
  if (!phone || !phone.isValid() || phone.ext) return null;
  return phone.number;
}

export const ZPhone = text(32).transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (!phone) {
    ctx.addIssue({
      code: "custom",
      message: "Not a valid phone number; write it as +998 90 123 45 67 or 90 123 45 67",
    });
    return z.NEVER;
  }
  return phone;
});
