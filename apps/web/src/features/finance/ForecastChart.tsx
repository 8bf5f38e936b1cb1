import type { TCurrency } from "@crm/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { shortNumber } from "../../lib/short-number";

export interface ForecastRow {
  month: string;
  due: number;
  received: number;
}

const HEIGHT = 240;
const TOP = 12;
const BOTTOM = 28;
const LEFT = 64;
const MIN_GROUP = 36;
const LABEL_WIDTH = 56;

function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    if (factor * power >= value) return factor * power;
  }
  return 10 * power;
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

/**
 * Still due vs received per month for one currency, as grouped SVG bars (amounts of different
 * currencies never share an axis), with the numbers in a table as well.
 */
export function ForecastChart({ rows, currency }: { rows: ForecastRow[]; currency: TCurrency }) {
  const t = useT();
  const { locale } = useLanguage();
  const titleId = useId();
  const { ref, width: available } = useWidth<HTMLDivElement>();
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  const max = niceCeiling(Math.max(...rows.map((row) => Math.max(row.due, row.received)), 1) / 100);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const group = Math.max(
    MIN_GROUP,
    (Math.max(available, 320) - LEFT - 8) / Math.max(rows.length, 1),
  );
  const bar = Math.min(28, Math.max(8, group * 0.34));
  const width = Math.ceil(LEFT + rows.length * group + 8);
  const y = (minor: number) => TOP + plotHeight - (minor / 100 / max) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / group));
  const ticks = [0, max / 2, max];
  const totalDue = rows.reduce((sum, row) => sum + row.due, 0);
  const totalReceived = rows.reduce((sum, row) => sum + row.received, 0);
  const money = (minor: number) => formatMoney(minor, currency, locale);

  return (
    <figure className="chart forecast">
      <figcaption className="forecast__caption">
        {t("finance.forecast.currency", { currency })}
      </figcaption>
      <div className="chart__legend" aria-hidden="true">
        <span className="chart__key forecast__key--due">{t("finance.forecast.due")}</span>
        <span className="chart__key forecast__key--received">{t("finance.forecast.received")}</span>
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
            {t("finance.forecast.summary", {
              currency,
              count: rows.length,
              due: money(totalDue),
              received: money(totalReceived),
            })}
          </title>
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                className="chart__grid"
                x1={LEFT}
                x2={width}
                y1={y(tick * 100)}
                y2={y(tick * 100)}
              />
              <text className="chart__axis" x={LEFT - 6} y={y(tick * 100) + 4} textAnchor="end">
                {shortNumber(t, oneDecimal, tick)}
              </text>
            </g>
          ))}
          {rows.map((row, index) => {
            const center = LEFT + index * group + group / 2;
            return (
              <g key={row.month}>
                <title>
                  {t("finance.forecast.barTitle", {
                    month: monthLabel(row.month, locale),
                    due: money(row.due),
                    received: money(row.received),
                  })}
                </title>
                <rect
                  className="forecast__bar--due"
                  x={center - bar}
                  y={y(row.due)}
                  width={bar}
                  height={Math.max(0, y(0) - y(row.due))}
                />
                <rect
                  className="forecast__bar--received"
                  x={center}
                  y={y(row.received)}
                  width={bar}
                  height={Math.max(0, y(0) - y(row.received))}
                />
                {index % labelEvery === 0 ? (
                  <text className="chart__axis" x={center} y={HEIGHT - 8} textAnchor="middle">
                    {monthLabel(row.month, locale, true)}
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
