import type { Lang } from "./i18n";

type Currency = "UZS" | "USD";

const CURRENCY_UNITS: Record<Lang, Record<Currency, string>> = {
  ru: { UZS: "сум", USD: "USD" },
  uz: { UZS: "so'm", USD: "USD" },
  en: { UZS: "UZS", USD: "USD" },
};

/** Both currencies we sell in have 2 minor digits (tiyin, cents). */
const MINOR_DIGITS = 2n;
const MINOR_FACTOR = 10n ** MINOR_DIGITS;
const NBSP = "\u00a0";

const decimalMark = (lang: Lang) => (lang === "en" ? "." : ",");
const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);

/** 65000000000n UZS → "650 000 000 сум"; cents are shown only when there are any. */
export function formatMoney(minor: bigint, currency: Currency, lang: Lang): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  const whole = groupThousands((abs / MINOR_FACTOR).toString());
  const cents = abs % MINOR_FACTOR;
  const fraction =
    cents === 0n
      ? ""
      : `${decimalMark(lang)}${cents.toString().padStart(Number(MINOR_DIGITS), "0")}`;
  return `${sign}${whole}${fraction}${NBSP}${CURRENCY_UNITS[lang][currency]}`;
}

/** 54.5 → "54,5 м²" (at most two decimals). */
export function formatArea(area: number, lang: Lang): string {
  const value = Number(area.toFixed(2)).toString().replace(".", decimalMark(lang));
  return `${value}${NBSP}${lang === "ru" ? "м²" : "m²"}`;
}
