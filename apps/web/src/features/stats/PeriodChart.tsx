import type { TPeriodStats } from "@crm/contracts";
import { useLanguage, useT } from "../../i18n";
import { formatNumber, formatPercent } from "../../lib/format";
import { BarChart, CHART_COLORS } from "../../ui/charts";
import type { StatsPeriod } from "./stats.queries";

type Row = TPeriodStats["items"][number];

const MAX_BUCKETS = 400;

/** Period keys as the API writes them: YYYY-MM-DD (day, Monday of a week) or YYYY-MM. */
function parseKey(key: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(key);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, match[3] ? Number(match[3]) : 1);
}

function keyOf(date: Date, period: StatsPeriod): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const month = `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
  return period === "month" ? month : `${month}-${pad(date.getDate())}`;
}

function step(date: Date, period: StatsPeriod): Date {
  const next = new Date(date);
  if (period === "day") next.setDate(next.getDate() + 1);
  else if (period === "week") next.setDate(next.getDate() + 7);
  else next.setMonth(next.getMonth() + 1);
  return next;
}

/** The bucket containing a local day (Monday-based weeks, like the API). */
function bucketStart(date: Date, period: StatsPeriod): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  if (period === "week") start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  if (period === "month") start.setDate(1);
  return start;
}

/**
 * The API returns only periods that had leads; a chart needs the empty ones too, from the
 * range's start (or the first period) to its end (or the last period).
 */
export function fillPeriods(
  items: Row[],
  period: StatsPeriod,
  range: { from?: Date; to?: Date },
): Row[] {
  const byKey = new Map(items.map((item) => [item.period, item]));
  const dates = items.map((item) => parseKey(item.period)).filter((d): d is Date => d !== null);
  const first = range.from ? bucketStart(range.from, period) : dates[0];
  const last = range.to ? bucketStart(range.to, period) : dates[dates.length - 1];
  if (!first || !last || first > last) return items;
  const rows: Row[] = [];
  for (let date = first; date <= last && rows.length < MAX_BUCKETS; date = step(date, period)) {
    const key = keyOf(date, period);
    rows.push(byKey.get(key) ?? { period: key, total: 0, sold: 0, conversionRate: 0 });
  }
  return rows;
}

/** "март 2025" for months (long form for tables), "12 мар." for days and weeks. */
export function periodLabel(
  key: string,
  period: StatsPeriod,
  locale: string,
  short = false,
): string {
  const date = parseKey(key);
  if (!date) return key;
  if (period === "month") {
    return new Intl.DateTimeFormat(
      locale,
      short ? { month: "short", year: "2-digit" } : { month: "long", year: "numeric" },
    ).format(date);
  }
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(date);
}

/** New vs sold leads per period as grouped bars, with the numbers in a table as well. */
export function PeriodChart({ rows, period }: { rows: Row[]; period: StatsPeriod }) {
  const t = useT();
  if (rows.length === 0) return <p className="muted">{t("stats.noData")}</p>;
  return <PeriodBars rows={rows} period={period} />;
}

function PeriodBars({ rows, period }: { rows: Row[]; period: StatsPeriod }) {
  const t = useT();
  const { locale } = useLanguage();
  const totalNew = rows.reduce((sum, row) => sum + row.total, 0);
  const totalSold = rows.reduce((sum, row) => sum + row.sold, 0);

  return (
    <figure className="chart">
      <BarChart
        labels={rows.map((row) => periodLabel(row.period, period, locale, true))}
        series={[
          {
            label: t("stats.series.new"),
            values: rows.map((row) => row.total),
            color: CHART_COLORS.neutral,
          },
          {
            label: t("stats.series.sold"),
            values: rows.map((row) => row.sold),
            color: CHART_COLORS.success,
          },
        ]}
        summary={t("stats.chartSummary", {
          count: rows.length,
          total: formatNumber(totalNew, locale),
          sold: formatNumber(totalSold, locale),
        })}
        format={(value) => formatNumber(value, locale)}
        height={220}
      />
      <details className="chart__data">
        <summary>{t("stats.showTable")}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("stats.periodTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("stats.col.period")}</th>
                <th scope="col">{t("stats.series.new")}</th>
                <th scope="col">{t("stats.series.sold")}</th>
                <th scope="col">{t("stats.col.conversion")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.period}>
                  <td>{periodLabel(row.period, period, locale)}</td>
                  <td>{formatNumber(row.total, locale)}</td>
                  <td>{formatNumber(row.sold, locale)}</td>
                  <td>{formatPercent(row.conversionRate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
