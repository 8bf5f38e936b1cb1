import type { TCurrency } from "@crm/contracts";

/**
 * Intl formatters are slow to build and cheap to use: one per locale and options, shared by
 * every row of every list (a 50-row table formats a few hundred values per render).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/**
 * Money arrives in integer minor units (tiyin, cents) with its currency; people read it in
 * major units with grouped digits and the currency code: "85 000 USD", "1 250 000 000 UZS".
 */
export function formatMoney(minor: number, currency: TCurrency, locale: string): string {
  const amount = numberFormat(locale, {
    minimumFractionDigits: minor % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(minor / 100);
  return `${amount} ${currency}`;
}

/**
 * A total (a column's sum of budgets): сум are whole, as a sum of tiyin fractions means
 * nothing to a reader; dollars keep their cents.
 */
export function formatMoneyTotal(minor: number, currency: TCurrency, locale: string): string {
  const amount = numberFormat(locale, {
    minimumFractionDigits: currency === "UZS" ? 0 : 2,
    maximumFractionDigits: currency === "UZS" ? 0 : 2,
  }).format(currency === "UZS" ? Math.round(minor / 100) : minor / 100);
  return `${amount} ${currency}`;
}

/** An amount as typed or pasted: whole units, and the decimal separator and fraction if any. */
interface AmountParts {
  whole: string;
  separator: "" | "." | ",";
  fraction: string;
}

/**
 * Reads "650 000 000", "650,000,000.50", "1.250.000,5" or "85,5": spaces and apostrophes group
 * digits; of "." and ",", the last is the decimal separator unless it repeats an earlier one or,
 * alone, is followed by exactly three digits (money has two decimals, so "650,000" is thousands).
 * Null when the text holds anything else.
 */
export function amountParts(value: string): AmountParts | null {
  const compact = value.replace(/[\s\u00a0\u202f']/g, "");
  if (!/^[\d.,]*$/.test(compact)) return null;
  const separators = [...compact.matchAll(/[.,]/g)];
  const last = separators.at(-1);
  if (!last) return { whole: compact, separator: "", fraction: "" };
  const mark = last[0] as "." | ",";
  const earlier = separators.slice(0, -1);
  const fraction = compact.slice(last.index + 1);
  const isDecimal = earlier.some((match) => match[0] === mark)
    ? false
    : earlier.length > 0 || fraction.length !== 3;
  return isDecimal
    ? { whole: compact.slice(0, last.index).replace(/[.,]/g, ""), separator: mark, fraction }
    : { whole: compact.replace(/[.,]/g, ""), separator: "", fraction: "" };
}

/** The text of an amount field: digits grouped by threes with spaces ("650 000 000,5"). */
export function formatAmountText(value: string): string {
  const parts = amountParts(value);
  if (!parts) return value;
  return parts.whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ") + parts.separator + parts.fraction;
}

/** "85 000", "85000.5", "85,5", "650,000,000.50" → minor units; null when empty, NaN for nonsense. */
export function parseMoneyInput(value: string): number | null {
  const parts = amountParts(value);
  if (!parts) return Number.NaN;
  if (parts.whole === "" && parts.separator === "") return null;
  if (!/^\d+$/.test(parts.whole) || !/^\d{0,2}$/.test(parts.fraction)) return Number.NaN;
  return Math.round(Number(`${parts.whole}.${parts.fraction || "0"}`) * 100);
}

/** Minor units → the text a person edits (no grouping, so it parses back unchanged). */
export function moneyInputValue(minor: number | null): string {
  if (minor === null) return "";
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

export function formatPercent(fraction: number, locale: string, maximumFractionDigits = 1): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits }).format(fraction);
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
}

/** Uzbek numbers read in groups: +998 90 123 45 67; others stay as stored (E.164). */
export function formatPhone(e164: string): string {
  const match = /^\+998(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return match ? `+998 ${match[1]} ${match[2]} ${match[3]} ${match[4]}` : e164;
}

export const telLink = (e164: string) => `tel:${e164}`;

/** Telegram opens a chat by phone number at t.me/+<digits>. */
export const telegramLink = (e164: string) => `https://t.me/+${e164.replace(/\D/g, "")}`;
