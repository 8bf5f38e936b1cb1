import type { TCurrency } from "@crm/contracts";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { shortNumber } from "../../lib/short-number";
import { BarChart, CHART_COLORS } from "../../ui/charts";

export interface ForecastRow {
  month: string;
  due: number;
  received: number;
}

export function monthLabel(key: string, locale: string, short = false): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) return key;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, 1);
  return new Intl.DateTimeFormat(
    locale,
    short ? { month: "short", year: "2-digit" } : { month: "long", year: "numeric" },
  ).format(date);
}

/**
 * Still due vs received per month for one currency, as grouped bars (amounts of different
 * currencies never share an axis), with the numbers in a table as well.
 */
export function ForecastChart({ rows, currency }: { rows: ForecastRow[]; currency: TCurrency }) {
  const t = useT();
  const { locale } = useLanguage();
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const totalDue = rows.reduce((sum, row) => sum + row.due, 0);
  const totalReceived = rows.reduce((sum, row) => sum + row.received, 0);
  const money = (minor: number) => formatMoney(minor, currency, locale);

  return (
    <figure className="chart forecast">
      <figcaption className="forecast__caption">
        {t("finance.forecast.currency", { currency })}
      </figcaption>
      <BarChart
        labels={rows.map((row) => monthLabel(row.month, locale, true))}
        series={[
          {
            label: t("finance.forecast.due"),
            values: rows.map((row) => row.due / 100),
            color: CHART_COLORS.neutral,
          },
          {
            label: t("finance.forecast.received"),
            values: rows.map((row) => row.received / 100),
            color: CHART_COLORS.success,
          },
        ]}
        summary={t("finance.forecast.summary", {
          currency,
          count: rows.length,
          due: money(totalDue),
          received: money(totalReceived),
        })}
        format={(value) => shortNumber(t, oneDecimal, value)}
      />
      <details className="chart__data">
        <summary>{t("stats.showTable")}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              {t("finance.forecast.currency", { currency })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.col.month")}</th>
                <th scope="col" className="cell--number">
                  {t("finance.forecast.due")}
                </th>
                <th scope="col" className="cell--number">
                  {t("finance.forecast.received")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.month}>
                  <td>{monthLabel(row.month, locale)}</td>
                  <td className="cell--number nowrap">{money(row.due)}</td>
                  <td className="cell--number nowrap">{money(row.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
