import type { TPeriodStats } from "@crm/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useLanguage, useT } from "../../i18n";
import { formatNumber, formatPercent } from "../../lib/format";
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

function niceCeiling(value: number): number {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    if (factor * power >= value) return factor * power;
  }
  return 10 * power;
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

const HEIGHT = 220;
const TOP = 12;
const BOTTOM = 28;
const LEFT = 40;
const MIN_GROUP = 18;
/** Room an axis label needs, so labels never overlap. */
const LABEL_WIDTH = 64;

/** The element's content width, kept current as the layout changes. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** New vs sold leads per period as grouped SVG bars, with the numbers in a table as well. */
export function PeriodChart({ rows, period }: { rows: Row[]; period: StatsPeriod }) {
  const t = useT();
  if (rows.length === 0) return <p className="muted">{t("stats.noData")}</p>;
  return <PeriodBars rows={rows} period={period} />;
}

function PeriodBars({ rows, period }: { rows: Row[]; period: StatsPeriod }) {
  const t = useT();
  const { locale } = useLanguage();
  const titleId = useId();
  const { ref, width: available } = useWidth<HTMLDivElement>();

  const max = niceCeiling(Math.max(...rows.map((row) => row.total), 1));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  // Fill the container; past MIN_GROUP per period the chart scrolls sideways instead.
  const group = Math.max(MIN_GROUP, (Math.max(available, 320) - LEFT - 8) / rows.length);
  const bar = Math.min(24, Math.max(6, group * 0.36));
  const width = Math.ceil(LEFT + rows.length * group + 8);
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / group));
  const ticks = [0, max / 2, max];
  const totalNew = rows.reduce((sum, row) => sum + row.total, 0);
  const totalSold = rows.reduce((sum, row) => sum + row.sold, 0);

  return (
    <figure className="chart">
      <div className="chart__legend" aria-hidden="true">
        <span className="chart__key chart__key--total">{t("stats.series.new")}</span>
        <span className="chart__key chart__key--sold">{t("stats.series.sold")}</span>
      </div>
      <div className="chart__scroll" ref={ref}>
        <svg
          className="chart__svg"
          viewBox={`0 0 ${width} ${HEIGHT}`}
          width={width}
          height={HEIGHT}
          role="img"
          aria-labelledby={titleId}
        >
          <title id={titleId}>
            {t("stats.chartSummary", {
              count: rows.length,
              total: formatNumber(totalNew, locale),
              sold: formatNumber(totalSold, locale),
            })}
          </title>
          {ticks.map((tick) => (
            <g key={tick}>
              <line className="chart__grid" x1={LEFT} x2={width} y1={y(tick)} y2={y(tick)} />
              <text className="chart__axis" x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
                {formatNumber(tick, locale)}
              </text>
            </g>
          ))}
          {rows.map((row, index) => {
            const center = LEFT + index * group + group / 2;
            const label = periodLabel(row.period, period, locale);
            return (
              <g key={row.period}>
                <title>
                  {t("stats.barTitle", {
                    period: label,
                    total: row.total,
                    sold: row.sold,
                  })}
                </title>
                <rect
                  className="chart__bar chart__bar--total"
                  x={center - bar}
                  y={y(row.total)}
                  width={bar}
                  height={Math.max(0, y(0) - y(row.total))}
                />
                <rect
                  className="chart__bar chart__bar--sold"
                  x={center}
                  y={y(row.sold)}
                  width={bar}
                  height={Math.max(0, y(0) - y(row.sold))}
                />
                {index % labelEvery === 0 ? (
                  <text className="chart__axis" x={center} y={HEIGHT - 8} textAnchor="middle">
                    {periodLabel(row.period, period, locale, true)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
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
