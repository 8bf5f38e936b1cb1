import type { TAmounts, TCurrency, TDashboard, TRoleCode } from "@crm/contracts";
import { Fragment } from "react";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { NAV_ITEMS } from "../../app/navigation";
import { useDocumentTitle, useLanguage, useShellT } from "../../i18n";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
} from "../../lib/format";
import { shortNumber } from "../../lib/short-number";
import { BarChart, CHART_COLORS, type BarSeries } from "../../ui/charts";
import { LoadError, Loading } from "../../ui/Status";
import { lastDayOf } from "../expenses/periods";
import { CallbacksWidget } from "../leads/CallbacksWidget";
import { monthLabel } from "../finance/ForecastChart";
import { useDashboard } from "./dashboard.queries";
import "./dashboard.css";

type Section<K extends keyof TDashboard> = NonNullable<TDashboard[K]>;

/** A figure and the list it was counted from. */
function Figure({ to, value, label }: { to: string; value: ReactNode; label: string }) {
  return (
    <Link className="figure" to={to}>
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
    </Link>
  );
}

/** Amounts per currency, never added together; with `to`, a link to the list they come from. */
function Amounts({ amounts, to }: { amounts: TAmounts; to?: string }) {
  const { locale } = useLanguage();
  const text =
    amounts.length === 0 ? (
      formatMoney(0, "UZS", locale)
    ) : (
      <>
        {amounts.map((row, index) => (
          <Fragment key={row.currency}>
            {index > 0 ? " · " : null}
            <span className="nowrap dash-amount">
              {formatMoney(row.amount, row.currency, locale)}
            </span>
          </Fragment>
        ))}
      </>
    );
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

/**
 * Bars of money in one currency (amounts of different currencies never share an axis), drawn
 * from minor units; the caption names the currency.
 */
function CurrencyBars({
  currency,
  labels,
  series,
  summary,
  onSelect,
}: {
  currency: TCurrency;
  labels: string[];
  series: BarSeries[];
  summary: string;
  onSelect?: (index: number) => void;
}) {
  const t = useShellT();
  const { locale } = useLanguage();
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <figure className="chart dash-chart">
      <figcaption className="muted">{t("dash.chart.currency", { currency })}</figcaption>
      <BarChart
        horizontal={labels.length > 3}
        height={Math.max(160, labels.length * 44)}
        labels={labels}
        series={series.map((s) => ({ ...s, values: s.values.map((value) => value / 100) }))}
        summary={summary}
        format={(value) => shortNumber(t, oneDecimal, value)}
        {...(onSelect ? { onSelect } : {})}
      />
    </figure>
  );
}

const currenciesOf = (rows: { currency: TCurrency }[]) =>
  [...new Set(rows.map((row) => row.currency))].sort((a, b) =>
    a === b ? 0 : a === "UZS" ? -1 : 1,
  );

function Panel({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const id = `dash-${title.replace(/\W+/g, "-")}`;
  return (
    <section
      className={wide ? "panel dash-panel dash-panel--wide" : "panel dash-panel"}
      aria-labelledby={id}
    >
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function SellerSection({ data }: { data: Section<"seller"> }) {
  const t = useShellT();
  const { locale } = useLanguage();
  return (
    <>
      <Panel title={t("dash.myLeads")}>
        <div className="figures">
          {data.leadsByStatus.map((row) => (
            <Figure
              key={row.status}
              to={`/leads?status=${row.status}`}
              value={formatNumber(row.count, locale)}
              label={t(`lead.status.${row.status}`)}
            />
          ))}
        </div>
      </Panel>
      <Panel title={t("dash.calls")}>
        <div className="figures">
          <Figure
            to="/callbacks?bucket=today"
            value={formatNumber(data.callbacks.today, locale)}
            label={t("dash.calls.today")}
          />
          <Figure
            to="/callbacks?bucket=overdue"
            value={formatNumber(data.callbacks.overdue, locale)}
            label={t("dash.calls.overdue")}
          />
        </div>
      </Panel>
      <Panel title={t("dash.myDeals")}>
        <div className="figures">
          <Figure
            to="/deals?status=DRAFT"
            value={formatNumber(data.deals.draft, locale)}
            label={t("dash.deals.draft")}
          />
          <Figure
            to="/deals?status=SIGNED"
            value={formatNumber(data.deals.signed, locale)}
            label={t("dash.deals.signed")}
          />
        </div>
      </Panel>
      <Panel title={t("dash.holds")}>
        {data.holds.length === 0 ? (
          <p className="muted">{t("dash.holds.none")}</p>
        ) : (
          <ul className="dash-list">
            {data.holds.map((hold) => (
              <li key={hold.flatId}>
                <Link to={`/leads/${hold.leadId}`}>{hold.leadName}</Link>
                <span className="muted">
                  {t("dash.holds.flat", { number: hold.number, complex: hold.complexName })}
                </span>
                {hold.bookedUntil ? (
                  <span className="nowrap">
                    {t("dash.holds.until", { date: formatDateTime(hold.bookedUntil, locale) })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}

function TeamSection({ data, canOpenLeads }: { data: Section<"team">; canOpenLeads: boolean }) {
  const t = useShellT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const leadsLink = (query: string) => (canOpenLeads ? `/leads?${query}` : "/stats");
  const stuckQuery = `status=${data.stuck.statuses.join(",")}&idleDays=${data.stuck.days}`;
  return (
    <>
      <Panel title={t("dash.team")}>
        <div className="figures">
          <Figure
            to={leadsLink(stuckQuery)}
            value={formatNumber(data.stuck.count, locale)}
            label={t("dash.stuck", { days: data.stuck.days })}
          />
          <Figure
            to={leadsLink("ownerId=none")}
            value={formatNumber(data.unassigned, locale)}
            label={t("dash.unassigned")}
          />
        </div>
      </Panel>
      <Panel title={t("dash.funnel")}>
        <BarChart
          horizontal
          height={200}
          labels={data.funnel.map((row) => t(`lead.status.${row.status}`))}
          series={[
            {
              label: t("dash.funnel.leads"),
              values: data.funnel.map((row) => row.count),
              color: CHART_COLORS.primary,
            },
          ]}
          summary={data.funnel
            .map((row) => `${t(`lead.status.${row.status}`)}: ${row.count}`)
            .join(", ")}
          format={(value) => formatNumber(value, locale)}
          onSelect={(index) => {
            const row = data.funnel[index];
            if (row && canOpenLeads) void navigate(`/leads?status=${row.status}`);
          }}
        />
        <div className="figures figures--small">
          {data.funnel.map((row) => (
            <Figure
              key={row.status}
              to={leadsLink(`status=${row.status}`)}
              value={formatNumber(row.count, locale)}
              label={t(`lead.status.${row.status}`)}
            />
          ))}
        </div>
      </Panel>
      <Panel title={t("dash.sellers")} wide>
        {data.sellers.length === 0 ? (
          <p className="muted">{t("dash.sellers.none")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-label={t("dash.sellers")} tabIndex={0}>
            <table className="table table--cards">
              <thead>
                <tr>
                  <th scope="col">{t("dash.col.seller")}</th>
                  <th scope="col">{t("dash.col.leads")}</th>
                  <th scope="col">{t("dash.col.sold")}</th>
                  <th scope="col">{t("dash.col.conversion")}</th>
                  <th scope="col">{t("dash.col.response")}</th>
                  <th scope="col">{t("dash.col.overdueCalls")}</th>
                </tr>
              </thead>
              <tbody>
                {data.sellers.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td data-label={t("dash.col.leads")}>
                      <Link to={leadsLink(`ownerId=${row.id}`)}>
                        {formatNumber(row.leads, locale)}
                      </Link>
                    </td>
                    <td data-label={t("dash.col.sold")}>
                      <Link to={leadsLink(`ownerId=${row.id}&status=SOLD`)}>
                        {formatNumber(row.sold, locale)}
                      </Link>
                    </td>
                    <td data-label={t("dash.col.conversion")}>
                      {formatPercent(row.conversionRate, locale)}
                    </td>
                    <td data-label={t("dash.col.response")}>
                      {row.responseMinutes === null
                        ? "—"
                        : t("dash.minutes", { n: formatNumber(row.responseMinutes, locale) })}
                    </td>
                    <td data-label={t("dash.col.overdueCalls")}>
                      {canOpenLeads ? (
                        <Link to={`/callbacks?bucket=overdue&scope=team&userId=${row.id}`}>
                          {formatNumber(row.overdueCallbacks, locale)}
                        </Link>
                      ) : (
                        formatNumber(row.overdueCallbacks, locale)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </>
  );
}

function SalesSection({ data }: { data: Section<"sales"> }) {
  const t = useShellT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const months = [data.lastMonth, data.thisMonth];
  const amountIn = (month: (typeof months)[number], currency: TCurrency) =>
    month.amounts.find((row) => row.currency === currency)?.amount ?? 0;
  return (
    <Panel title={t("dash.sales")}>
      <div className="figures">
        {[data.thisMonth, data.lastMonth].map((month, index) => (
          <Figure
            key={month.month}
            to={`/deals?signedMonth=${month.month}`}
            value={formatNumber(month.count, locale)}
            label={`${t(index === 0 ? "dash.sales.this" : "dash.sales.last")} · ${monthLabel(month.month, locale)}`}
          />
        ))}
        <Figure
          to="/deals?approval=PENDING"
          value={formatNumber(data.pendingApprovals, locale)}
          label={t("dash.approvals")}
        />
      </div>
      <dl className="dash-amounts">
        <dt>{t("dash.sales.this")}</dt>
        <dd>
          <Amounts
            amounts={data.thisMonth.amounts}
            to={`/deals?signedMonth=${data.thisMonth.month}`}
          />
        </dd>
        <dt>{t("dash.sales.last")}</dt>
        <dd>
          <Amounts
            amounts={data.lastMonth.amounts}
            to={`/deals?signedMonth=${data.lastMonth.month}`}
          />
        </dd>
      </dl>
      {currenciesOf([...data.thisMonth.amounts, ...data.lastMonth.amounts]).map((currency) => (
        <CurrencyBars
          key={currency}
          currency={currency}
          labels={months.map((month) => monthLabel(month.month, locale, true))}
          series={[
            {
              label: t("dash.sales.amount"),
              values: months.map((month) => amountIn(month, currency)),
              color: CHART_COLORS.primary,
            },
          ]}
          summary={months
            .map(
              (month) =>
                `${monthLabel(month.month, locale)}: ${formatMoney(amountIn(month, currency), currency, locale)}`,
            )
            .join(", ")}
          onSelect={(index) => {
            const month = months[index];
            if (month) void navigate(`/deals?signedMonth=${month.month}`);
          }}
        />
      ))}
    </Panel>
  );
}

const ROI_COLUMNS = ["leads", "deals", "spend", "revenue"] as const;

function SpendSection({ data }: { data: Section<"spend"> }) {
  const t = useShellT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const budgetsLink = `/expenses?tab=budgets&from=${data.month}&to=${data.month}`;
  const roiLink = `/expenses?tab=roi&from=${data.roi.from}&to=${data.roi.to}`;
  const money = (minor: number, currency: TCurrency) => formatMoney(minor, currency, locale);
  return (
    <>
      <Panel title={t("dash.budget", { month: monthLabel(data.month, locale) })}>
        {data.budget.totals.length === 0 ? (
          <p className="muted">
            <Link to={budgetsLink}>{t("dash.budget.none")}</Link>
          </p>
        ) : (
          data.budget.totals.map((total) => {
            const categories = data.budget.byCategory.filter(
              (row) => row.currency === total.currency,
            );
            return (
              <div key={total.currency} className="dash-currency">
                <dl className="dash-amounts">
                  <dt>{t("dash.budget.planned", { currency: total.currency })}</dt>
                  <dd>
                    <Link to={budgetsLink}>{money(total.planned, total.currency)}</Link>
                  </dd>
                  <dt>{t("dash.budget.actual", { currency: total.currency })}</dt>
                  <dd>
                    <Link to={budgetsLink}>{money(total.actual, total.currency)}</Link>
                    {total.usedPct === null ? null : (
                      <span className="muted"> ({formatPercent(total.usedPct / 100, locale)})</span>
                    )}
                  </dd>
                  <dt>{t("dash.budget.variance", { currency: total.currency })}</dt>
                  <dd className={total.variance < 0 ? "money--negative" : undefined}>
                    <Link to={budgetsLink}>{money(total.variance, total.currency)}</Link>
                    {total.variance < 0 ? (
                      <span className="visually-hidden"> {t("planFact.overspent")}</span>
                    ) : null}
                  </dd>
                </dl>
                <CurrencyBars
                  currency={total.currency}
                  labels={categories.map((row) => row.category.name)}
                  series={[
                    {
                      label: t("dash.budget.plannedShort"),
                      values: categories.map((row) => row.planned),
                      color: CHART_COLORS.neutral,
                    },
                    {
                      label: t("dash.budget.actualShort"),
                      values: categories.map((row) => row.actual),
                      color: CHART_COLORS.primary,
                    },
                  ]}
                  summary={categories
                    .map(
                      (row) =>
                        `${row.category.name}: ${money(row.actual, row.currency)} / ${money(row.planned, row.currency)}`,
                    )
                    .join(", ")}
                  onSelect={() => void navigate(budgetsLink)}
                />
              </div>
            );
          })
        )}
      </Panel>
      <Panel title={t("dash.roi")} wide>
        {data.roi.sources.length === 0 ? (
          <p className="muted">
            <Link to={roiLink}>{t("dash.roi.none")}</Link>
          </p>
        ) : (
          <>
            <div className="table-wrap" role="region" aria-label={t("dash.roi")} tabIndex={0}>
              <table className="table table--cards">
                <thead>
                  <tr>
                    <th scope="col">{t("roi.col.source")}</th>
                    {ROI_COLUMNS.map((column) => (
                      <th key={column} scope="col" className="cell--number">
                        {t(`roi.col.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.roi.sources.map((row) => (
                    <tr key={row.source}>
                      <th scope="row">{t(`lead.source.${row.source}`)}</th>
                      {ROI_COLUMNS.map((column) => (
                        <td
                          key={column}
                          className="cell--number"
                          data-label={t(`roi.col.${column}`)}
                        >
                          {column === "leads" || column === "deals" ? (
                            <Link to={roiLink}>{formatNumber(row[column], locale)}</Link>
                          ) : (
                            <Amounts
                              amounts={row.money.map((m) => ({
                                currency: m.currency,
                                amount: m[column],
                              }))}
                              to={roiLink}
                            />
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {currenciesOf(data.roi.sources.flatMap((row) => row.money)).map((currency) => {
              const amount = (row: (typeof data.roi.sources)[number], key: "spend" | "revenue") =>
                row.money.find((m) => m.currency === currency)?.[key] ?? 0;
              return (
                <CurrencyBars
                  key={currency}
                  currency={currency}
                  labels={data.roi.sources.map((row) => t(`lead.source.${row.source}`))}
                  series={[
                    {
                      label: t("roi.col.spend"),
                      values: data.roi.sources.map((row) => amount(row, "spend")),
                      color: CHART_COLORS.danger,
                    },
                    {
                      label: t("roi.col.revenue"),
                      values: data.roi.sources.map((row) => amount(row, "revenue")),
                      color: CHART_COLORS.success,
                    },
                  ]}
                  summary={data.roi.sources
                    .map(
                      (row) =>
                        `${t(`lead.source.${row.source}`)}: ${money(amount(row, "spend"), currency)} → ${money(amount(row, "revenue"), currency)}`,
                    )
                    .join(", ")}
                  onSelect={() => void navigate(roiLink)}
                />
              );
            })}
          </>
        )}
      </Panel>
    </>
  );
}

/** The payments register over a period of days, reversed receipts left out (as counted). */
const receivedLink = (from: string, to: string) =>
  `/payments?from=${from}&to=${to}&reversed=exclude`;

function MoneySection({ data }: { data: Section<"money"> }) {
  const t = useShellT();
  const { locale } = useLanguage();
  return (
    <>
      <Panel title={t("dash.money")}>
        <div className="figures">
          <Figure
            to="/finance/overdue"
            value={formatNumber(data.overdue.count, locale)}
            label={t("dash.overdue.count")}
          />
          <Figure
            to="/deals?approval=PENDING"
            value={formatNumber(data.pendingApprovals, locale)}
            label={t("dash.approvals")}
          />
        </div>
        <dl className="dash-amounts">
          <dt>{t("dash.overdue.amount")}</dt>
          <dd>
            <Amounts amounts={data.overdue.amounts} to="/finance/overdue" />
          </dd>
          <dt>{t("dash.received.today")}</dt>
          <dd>
            <Amounts amounts={data.receivedToday} to={receivedLink(data.today, data.today)} />
          </dd>
          <dt>{t("dash.received.month")}</dt>
          <dd>
            <Amounts
              amounts={data.receivedThisMonth}
              to={receivedLink(`${data.month}-01`, lastDayOf(data.month))}
            />
          </dd>
          <dt>{t("dash.expected.month")}</dt>
          <dd>
            <Amounts amounts={data.expectedThisMonth} to="/payments" />
          </dd>
          <dt>{t("dash.expected.paid")}</dt>
          <dd>
            <Amounts amounts={data.paidOfExpected} to="/payments" />
          </dd>
        </dl>
      </Panel>
      <Panel title={t("dash.nextWeeks")}>
        <ul className="dash-list">
          {data.nextWeeks.map((week) => (
            <li key={week.from}>
              <Link to="/finance">
                {formatDate(`${week.from}T12:00:00Z`, locale)} –{" "}
                {formatDate(`${week.to}T12:00:00Z`, locale)}
              </Link>
              <span>
                <Amounts amounts={week.amounts} to="/finance" />
              </span>
            </li>
          ))}
        </ul>
      </Panel>
    </>
  );
}

function SystemSection({ data }: { data: Section<"system"> }) {
  const t = useShellT();
  const { locale } = useLanguage();
  const state = (value: string) => (
    <span
      className={
        value === "down"
          ? "badge badge--danger"
          : value === "ok"
            ? "badge badge--ok"
            : "badge badge--muted"
      }
    >
      {t(`dash.state.${value as "ok" | "down" | "disabled"}`)}
    </span>
  );
  return (
    <Panel title={t("dash.system")}>
      <dl className="dash-amounts">
        <dt>{t("dash.system.database")}</dt>
        <dd>{state(data.database)}</dd>
        <dt>{t("dash.system.redis")}</dt>
        <dd>{state(data.redis)}</dd>
        <dt>
          <Link to="/admin/jobs">{t("dash.system.failedJobs")}</Link>
        </dt>
        <dd>
          <Link to="/admin/jobs">{formatNumber(data.failedJobs, locale)}</Link>
        </dd>
        <dt>
          <Link to="/admin/jobs">{t("dash.system.lastImport")}</Link>
        </dt>
        <dd>
          {data.lastImport
            ? `${t(data.lastImport.state === "failed" ? "dash.import.failed" : "dash.import.done")}${
                data.lastImport.finishedAt
                  ? `, ${formatDateTime(data.lastImport.finishedAt, locale)}`
                  : ""
              }`
            : t("dash.import.never")}
        </dd>
      </dl>
      <p className="dash-links">
        <Link to="/admin/users">{t("nav.users")}</Link>
        <Link to="/admin/settings">{t("nav.settings")}</Link>
        <Link to="/admin/audit">{t("nav.audit")}</Link>
      </p>
    </Panel>
  );
}

/** The call list people work from every day, above the figures. */
function Calls({ role }: { role: TRoleCode }) {
  if (role === "SELLER") return <CallbacksWidget defaultScope="mine" canSwitchScope={false} />;
  if (role === "MOP") return <CallbacksWidget defaultScope="team" canSwitchScope />;
  return null;
}

export function DashboardPage() {
  const t = useShellT();
  const user = useCurrentUser();
  const title = t(`dashboard.${user.role}.title`);
  useDocumentTitle(title);
  const dashboard = useDashboard();
  const canOpenLeads = (NAV_ITEMS.leads.roles as readonly TRoleCode[]).includes(user.role);

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <header className="page__header">
        <h1 id="dashboard-title">{title}</h1>
        <p className="muted">{t("dashboard.greeting", { name: user.firstName || user.login })}</p>
      </header>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <LoadError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <div className="dash">
          {dashboard.data.seller ? <SellerSection data={dashboard.data.seller} /> : null}
          {dashboard.data.money ? <MoneySection data={dashboard.data.money} /> : null}
          {dashboard.data.sales ? <SalesSection data={dashboard.data.sales} /> : null}
          {dashboard.data.spend ? <SpendSection data={dashboard.data.spend} /> : null}
          {dashboard.data.system ? <SystemSection data={dashboard.data.system} /> : null}
          {dashboard.data.team ? (
            <TeamSection data={dashboard.data.team} canOpenLeads={canOpenLeads} />
          ) : null}
        </div>
      )}
      <div className="dash-calls">
        <Calls role={user.role} />
      </div>
    </section>
  );
}
