import type { TLeadStats } from "@crm/contracts";
import { ZId } from "@crm/contracts";
import { useId } from "react";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { addDays, dayEndIso, dayStartIso, isDay, toDay } from "../../lib/dates";
import { formatNumber, formatPercent } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { useComplexOptions, useOwnerOptions } from "../leads/leads.queries";
import { fillPeriods, PeriodChart } from "./PeriodChart";
import type { StatsPeriod, StatsRange } from "./stats.queries";
import { useLeadStats, usePeriodStats } from "./stats.queries";
import { ExportControl } from "../exports/ExportControl";

const PERIODS = ["day", "week", "month"] as const satisfies readonly StatsPeriod[];

/** Quick ranges, in days back from today (inclusive); null: all time. */
const PRESETS = [
  { key: "stats.preset.30", days: 30 },
  { key: "stats.preset.90", days: 90 },
  { key: "stats.preset.365", days: 365 },
  { key: "stats.preset.all", days: null },
] as const;

/** Range, period and breakdown filters live in the URL (?from=&to=&period=&ownerId=&complexId=). */
function useStatsParams() {
  const [params, setParams] = useSearchParams();
  const from = params.get("from");
  const to = params.get("to");
  const period = params.get("period");
  const owner = ZId.safeParse(params.get("ownerId") ?? undefined);
  const complex = ZId.safeParse(params.get("complexId") ?? undefined);
  const state = {
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    period: (PERIODS as readonly string[]).includes(period ?? "")
      ? (period as StatsPeriod)
      : "month",
    ownerId: owner.success ? owner.data : undefined,
    complexId: complex.success ? complex.data : undefined,
  };
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(patch)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  return { ...state, update };
}

export function StatsPage() {
  const t = useT();
  useDocumentTitle(t("stats.title"));
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const params = useStatsParams();
  const owners = useOwnerOptions(user.role);
  const complexes = useComplexOptions(user.role);

  const range: StatsRange = {};
  if (params.from) range.from = dayStartIso(params.from);
  if (params.to) range.to = dayEndIso(params.to);
  if (params.ownerId) range.ownerId = params.ownerId;
  if (params.complexId) range.complexId = params.complexId;

  const stats = useLeadStats(range);
  const periods = usePeriodStats(range, params.period);
  const today = toDay(new Date());

  return (
    <section className="page" aria-labelledby="stats-title">
      <header className="page__header page__header--row">
        <h1 id="stats-title">{t("stats.title")}</h1>
        <ExportControl
          request={{
            kind: "sales",
            params: { from: range.from, to: range.to, complexId: range.complexId },
          }}
        />
      </header>

      <form
        className="panel stats-filters"
        aria-label={t("stats.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="stats-filters__presets" role="group" aria-label={t("stats.presets")}>
          {PRESETS.map((preset) => {
            const from = preset.days === null ? undefined : addDays(today, -(preset.days - 1));
            const isActive =
              preset.days === null
                ? !params.from && !params.to
                : params.from === from && params.to === today;
            return (
              <button
                key={preset.key}
                type="button"
                className="button button--small button--secondary"
                aria-pressed={isActive}
                onClick={() =>
                  params.update(
                    preset.days === null ? { from: undefined, to: undefined } : { from, to: today },
                  )
                }
              >
                {t(preset.key)}
              </button>
            );
          })}
        </div>
        <div className="stats-filters__grid">
          <TextField
            label={t("stats.from")}
            type="date"
            value={params.from ?? ""}
            max={params.to}
            onChange={(event) => params.update({ from: event.target.value })}
          />
          <TextField
            label={t("stats.to")}
            type="date"
            value={params.to ?? ""}
            min={params.from}
            onChange={(event) => params.update({ to: event.target.value })}
          />
          <SelectField
            label={t("stats.seller")}
            value={params.ownerId ? String(params.ownerId) : ""}
            onChange={(event) => params.update({ ownerId: event.target.value })}
          >
            <option value="">{t("stats.allSellers")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
            {params.ownerId && !owners.some((owner) => owner.id === params.ownerId) ? (
              <option value={params.ownerId}>#{params.ownerId}</option>
            ) : null}
          </SelectField>
          {complexes.length > 0 ? (
            <SelectField
              label={t("stats.complex")}
              value={params.complexId ? String(params.complexId) : ""}
              onChange={(event) => params.update({ complexId: event.target.value })}
            >
              <option value="">{t("stats.allComplexes")}</option>
              {complexes.map((complex) => (
                <option key={complex.id} value={complex.id}>
                  {complex.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
      </form>

      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <LoadError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <div className={stats.isPlaceholderData ? "stats stats--stale" : "stats"}>
          <ul className="kpis" aria-label={t("stats.kpis")}>
            <li className="kpi">
              <span className="kpi__label">{t("stats.total")}</span>
              <span className="kpi__value">{formatNumber(stats.data.total, locale)}</span>
            </li>
            <li className="kpi">
              <span className="kpi__label">{t("stats.sold")}</span>
              <span className="kpi__value">{formatNumber(stats.data.sold, locale)}</span>
            </li>
            <li className="kpi kpi--accent">
              <span className="kpi__label">{t("stats.conversion")}</span>
              <span className="kpi__value">{formatPercent(stats.data.conversionRate, locale)}</span>
            </li>
          </ul>

          <section className="panel" aria-labelledby="stats-periods-title">
            <header className="widget__header">
              <h2 id="stats-periods-title">{t("stats.periods")}</h2>
              <div className="segmented" role="group" aria-label={t("stats.periodSwitch")}>
                {PERIODS.map((period) => (
                  <button
                    key={period}
                    type="button"
                    className="segmented__button"
                    aria-pressed={params.period === period}
                    onClick={() => params.update({ period })}
                  >
                    {t(`stats.period.${period}`)}
                  </button>
                ))}
              </div>
            </header>
            {periods.isPending ? (
              <Loading />
            ) : periods.isError ? (
              <LoadError error={periods.error} onRetry={() => void periods.refetch()} />
            ) : (
              <PeriodChart
                period={periods.data.period}
                rows={fillPeriods(periods.data.items, periods.data.period, {
                  from: params.from ? new Date(dayStartIso(params.from)) : undefined,
                  to: params.to ? new Date(dayStartIso(params.to)) : undefined,
                })}
              />
            )}
          </section>

          <Funnel stats={stats.data} />
          <div className="stats__tables">
            <BreakdownTable
              title={t("stats.bySeller")}
              nameHeader={t("stats.col.seller")}
              rows={stats.data.bySeller.map((row) => ({
                ...row,
                key: String(row.ownerId),
                name: row.name ?? t("lead.noOwner"),
              }))}
            />
            <BreakdownTable
              title={t("stats.bySource")}
              nameHeader={t("stats.col.source")}
              rows={stats.data.bySource.map((row) => ({
                ...row,
                key: row.source,
                name: t(`lead.source.${row.source}`),
              }))}
            />
            <BreakdownTable
              title={t("stats.byComplex")}
              nameHeader={t("stats.col.complex")}
              rows={stats.data.byComplex.map((row) => ({
                ...row,
                key: String(row.complexId),
                name: row.name ?? t("stats.noComplex"),
              }))}
            />
          </div>
        </div>
      )}
    </section>
  );
}

export function Funnel({ stats, compact = false }: { stats: TLeadStats; compact?: boolean }) {
  const t = useT();
  const { locale } = useLanguage();
  const max = Math.max(...stats.funnel.map((step) => step.count), 1);
  const list = (
    <ul className="bars">
      {stats.funnel.map((step) => (
        <li key={step.status} className="bars__row">
          <span className="bars__label">{t(`lead.status.${step.status}`)}</span>
          <span className="bars__track" aria-hidden="true">
            <span
              className={`bars__fill bars__fill--${step.status.toLowerCase()}`}
              style={{ width: `${(step.count / max) * 100}%` }}
            />
          </span>
          <span className="bars__value">
            {formatNumber(step.count, locale)}
            <span className="muted">
              {" "}
              · {formatPercent(stats.total ? step.count / stats.total : 0, locale)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
  if (compact) return list;
  return (
    <section className="panel" aria-labelledby="stats-funnel-title">
      <h2 id="stats-funnel-title">{t("stats.funnel")}</h2>
      {list}
    </section>
  );
}

interface BreakdownRow {
  key: string;
  name: string;
  total: number;
  sold: number;
  conversionRate: number;
}

function BreakdownTable({
  title,
  nameHeader,
  rows,
}: {
  title: string;
  nameHeader: string;
  rows: BreakdownRow[];
}) {
  const t = useT();
  const { locale } = useLanguage();
  const titleId = useId();
  const max = Math.max(...rows.map((row) => row.total), 1);
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("stats.noData")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={titleId} tabIndex={0}>
          <table className="table table--stats">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{nameHeader}</th>
                <th scope="col">{t("stats.col.total")}</th>
                <th scope="col">{t("stats.col.sold")}</th>
                <th scope="col">{t("stats.col.conversion")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.name}</th>
                  <td>
                    <span className="inline-bar">
                      <span className="inline-bar__track" aria-hidden="true">
                        <span
                          className="inline-bar__fill"
                          style={{ width: `${(row.total / max) * 100}%` }}
                        />
                        <span
                          className="inline-bar__fill inline-bar__fill--sold"
                          style={{ width: `${(row.sold / max) * 100}%` }}
                        />
                      </span>
                      {formatNumber(row.total, locale)}
                    </span>
                  </td>
                  <td>{formatNumber(row.sold, locale)}</td>
                  <td>{formatPercent(row.conversionRate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
