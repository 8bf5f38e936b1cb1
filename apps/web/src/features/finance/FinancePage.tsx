import { ZId } from "@crm/contracts";
import type { TCurrency } from "@crm/contracts";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { Link } from "react-router";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatMoney, formatPercent } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { useComplexes } from "../inventory/inventory.queries";
import { useCashByComplex, useForecast } from "./finance.queries";
import { ForecastChart } from "./ForecastChart";
import type { ForecastRow } from "./ForecastChart";
import "./finance.css";
import { ExportControl } from "../exports/ExportControl";

const MONTH_CHOICES = [6, 12, 24] as const;

function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** ?complexId=&from=YYYY-MM&months= — the view can be shared and reloaded. */
function useFinanceParams() {
  const [params, setParams] = useSearchParams();
  const complex = ZId.safeParse(params.get("complexId") ?? undefined);
  const from = params.get("from");
  const months = Number(params.get("months"));
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
  return {
    complexId: complex.success ? complex.data : undefined,
    from: from && /^\d{4}-(0[1-9]|1[0-2])$/.test(from) ? from : currentMonth(),
    months: (MONTH_CHOICES as readonly number[]).includes(months) ? months : 12,
    update,
  };
}

/** `/finance`: cash received vs expected per complex, and the monthly cash-flow forecast. */
export function FinancePage() {
  const t = useT();
  useDocumentTitle(t("finance.title"));
  const { complexId, from, months, update } = useFinanceParams();
  const complexes = useComplexes();

  return (
    <section className="page" aria-labelledby="finance-title">
      <header className="page__header page__header--row">
        <h1 id="finance-title">{t("finance.title")}</h1>
        <Link className="button button--secondary" to="/finance/overdue">
          {t("finance.toOverdue")}
        </Link>
        <ExportControl request={{ kind: "payments", params: { complexId } }} />
      </header>
      <form
        className="finance-filters"
        aria-label={t("finance.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label={t("finance.filter.complex")}
          value={complexId === undefined ? "" : String(complexId)}
          onChange={(event) => update({ complexId: event.target.value })}
        >
          <option value="">{t("finance.filter.allComplexes")}</option>
          {(complexes.data?.items ?? []).map((complex) => (
            <option key={complex.id} value={complex.id}>
              {complex.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("finance.filter.from")}
          type="month"
          value={from}
          onChange={(event) => update({ from: event.target.value })}
        />
        <SelectField
          label={t("finance.filter.months")}
          value={String(months)}
          onChange={(event) => update({ months: event.target.value })}
        >
          {MONTH_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t("finance.filter.monthsValue", { months: choice })}
            </option>
          ))}
        </SelectField>
      </form>
      <div className="finance">
        <CashByComplex complexId={complexId} />
        <Forecast from={from} months={months} />
      </div>
    </section>
  );
}

function CashByComplex({ complexId }: { complexId: number | undefined }) {
  const t = useT();
  const { locale } = useLanguage();
  const cash = useCashByComplex(complexId);

  const totals = useMemo(() => {
    const byCurrency = new Map<
      TCurrency,
      { expected: number; received: number; overdue: number }
    >();
    for (const row of cash.data?.items ?? []) {
      const sum = byCurrency.get(row.currency) ?? { expected: 0, received: 0, overdue: 0 };
      sum.expected += row.expected;
      sum.received += row.received;
      sum.overdue += row.overdue;
      byCurrency.set(row.currency, sum);
    }
    return [...byCurrency.entries()];
  }, [cash.data]);

  return (
    <section className="panel" aria-labelledby="finance-cash-title">
      <h2 id="finance-cash-title">{t("finance.cash.title")}</h2>
      {cash.isPending ? (
        <Loading />
      ) : cash.isError ? (
        <LoadError error={cash.error} onRetry={() => void cash.refetch()} />
      ) : cash.data.items.length === 0 ? (
        <p className="muted">{t("finance.cash.empty")}</p>
      ) : (
        <>
          <ul className="kpis finance__kpis">
            {totals.map(([currency, sum]) => (
              <li key={currency} className="kpi">
                <span className="kpi__label">{t("finance.cash.receivedOf", { currency })}</span>
                <span className="kpi__value">{formatMoney(sum.received, currency, locale)}</span>
                <span className="muted">
                  {t("finance.cash.ofExpected", {
                    expected: formatMoney(sum.expected, currency, locale),
                  })}
                </span>
                {sum.overdue > 0 ? (
                  <span className="finance__overdue">
                    {t("finance.cash.overdueValue", {
                      amount: formatMoney(sum.overdue, currency, locale),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <div
            className={cash.isPlaceholderData ? "table-wrap table-wrap--stale" : "table-wrap"}
            role="region"
            aria-labelledby="finance-cash-caption"
            tabIndex={0}
          >
            <table className="table table--stats table--cards">
              <caption id="finance-cash-caption" className="visually-hidden">
                {t("finance.cash.title")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("finance.col.complex")}</th>
                  <th scope="col" className="cell--number">
                    {t("finance.col.expected")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("finance.col.received")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("finance.col.overdue")}
                  </th>
                  <th scope="col">{t("finance.col.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {cash.data.items.map((row) => {
                  const share = row.expected > 0 ? row.received / row.expected : 0;
                  return (
                    <tr key={`${row.complexId}-${row.currency}`}>
                      <th scope="row">{row.name}</th>
                      <td className="cell--number" data-label={t("finance.col.expected")}>
                        {formatMoney(row.expected, row.currency, locale)}
                      </td>
                      <td className="cell--number" data-label={t("finance.col.received")}>
                        {formatMoney(row.received, row.currency, locale)}
                      </td>
                      <td className="cell--number" data-label={t("finance.col.overdue")}>
                        {row.overdue > 0 ? (
                          <span className="finance__overdue">
                            {formatMoney(row.overdue, row.currency, locale)}
                          </span>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label={t("finance.col.progress")}>
                        <span className="inline-bar">
                          <span className="inline-bar__track cash-bar" aria-hidden="true">
                            <span
                              className="inline-bar__fill cash-bar__fill"
                              style={{ width: `${Math.min(share, 1) * 100}%` }}
                            />
                          </span>
                          <span className="nowrap">{formatPercent(share, locale)}</span>
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Forecast({ from, months }: { from: string; months: number }) {
  const t = useT();
  const forecast = useForecast(from, months);

  const byCurrency = useMemo(() => {
    const groups = new Map<TCurrency, ForecastRow[]>();
    for (const item of forecast.data?.items ?? []) {
      const rows = groups.get(item.currency) ?? [];
      rows.push({ month: item.month, due: item.due, received: item.received });
      groups.set(item.currency, rows);
    }
    return [...groups.entries()];
  }, [forecast.data]);

  return (
    <section
      className={forecast.isPlaceholderData ? "panel stats--stale" : "panel"}
      aria-labelledby="finance-forecast-title"
    >
      <h2 id="finance-forecast-title">{t("finance.forecast.title")}</h2>
      {forecast.isPending ? (
        <Loading />
      ) : forecast.isError ? (
        <LoadError error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : byCurrency.length === 0 ? (
        <p className="muted">{t("finance.forecast.empty")}</p>
      ) : (
        <div className="forecast__charts">
          {byCurrency.map(([currency, rows]) => (
            <ForecastChart key={currency} currency={currency} rows={rows} />
          ))}
        </div>
      )}
    </section>
  );
}
