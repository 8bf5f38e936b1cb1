import type { TConverted } from "@crm/contracts";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";

/** The rates a converted figure used, or the months it could not convert (no made-up totals). */
export function RatesNote({ parts }: { parts: TConverted[] }) {
  const t = useT();
  const { locale } = useLanguage();
  const missing = [...new Set(parts.flatMap((part) => part.missingRates))].sort();
  const used = new Map(
    parts.flatMap((part) => part.ratesUsed).map((rate) => [rate.month, rate.uzsPerUsd]),
  );
  const currency = parts[0]?.currency ?? "UZS";
  if (missing.length > 0)
    return (
      <p className="alert alert--warning" role="status">
        {t("planFact.missingRates", { currency, months: missing.join(", ") })}
      </p>
    );
  if (used.size === 0) return null;
  return (
    <p className="muted">
      {t("planFact.ratesUsed", {
        rates: [...used.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, rate]) => `${month}: ${formatMoney(rate, "UZS", locale)}`)
          .join("; "),
      })}
    </p>
  );
}
