import { dealPolicy, ZContractStatus } from "@crm/contracts";
import type { MouseEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { SelectField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { dealStatusClass } from "./deal-meta";
import type { DealStatus } from "./deal-meta";
import { useDeals } from "./deals.queries";
import "../finance/finance.css";
import "./deals.css";
import { ExportControl } from "../exports/ExportControl";

const PAGE = 50;
const MAX = 200;
const STATUSES: readonly DealStatus[] = ZContractStatus.options;

/**
 * `/deals`: sale contracts, newest first; the filters (status, and for those who decide them,
 * contracts waiting for approval) and the page size live in the URL.
 */
export function DealsPage() {
  const t = useT();
  useDocumentTitle(t("deals.title"));
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const parsedStatus = ZContractStatus.safeParse(params.get("status"));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const canDecide = dealPolicy.canApprove(user);
  // Anyone may open the list of contracts waiting for approval (the dashboards link to it);
  // only those who decide get the switch.
  const pending = params.get("approval") === "PENDING";
  const signedMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.get("signedMonth") ?? "")
    ? (params.get("signedMonth") ?? undefined)
    : undefined;
  const requested = Number(params.get("limit"));
  const limit =
    Number.isInteger(requested) && requested >= PAGE && requested <= MAX ? requested : PAGE;
  const exportParams = {
    ...(status ? { status } : {}),
    ...(pending ? { approval: "PENDING" as const } : {}),
    ...(signedMonth ? { signedMonth } : {}),
  };
  const deals = useDeals({ limit, ...exportParams });

  const setFilter = (next: {
    status?: DealStatus | undefined;
    pending?: boolean;
    limit?: number;
  }) => {
    const search = new URLSearchParams();
    const nextStatus = "status" in next ? next.status : status;
    if (nextStatus) search.set("status", nextStatus);
    if (next.pending ?? pending) search.set("approval", "PENDING");
    if (signedMonth && !("status" in next)) search.set("signedMonth", signedMonth);
    if (next.limit && next.limit > PAGE) search.set("limit", String(next.limit));
    setParams(search, { replace: true });
  };

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, id: number) => {
    // Links keep their own behaviour (new tab, copy address); the rest of the row opens the deal.
    if ((event.target as HTMLElement).closest("a, button, input, select")) return;
    if (window.getSelection()?.toString()) return;
    void navigate(`/deals/${id}`);
  };

  return (
    <section className="page" aria-labelledby="deals-title">
      <header className="page__header">
        <h1 id="deals-title">{t("deals.title")}</h1>
        <p className="muted">{t("deals.subtitle")}</p>
        <ExportControl request={{ kind: "deals", params: exportParams }} />
      </header>
      <div className="deals-filters">
        <SelectField
          label={t("deals.filter.status")}
          value={status ?? ""}
          onChange={(event) => {
            const value = ZContractStatus.safeParse(event.target.value);
            setFilter({ status: value.success ? value.data : undefined });
          }}
        >
          <option value="">{t("deals.filter.all")}</option>
          {STATUSES.map((item) => (
            <option key={item} value={item}>
              {t(`deal.status.${item}`)}
            </option>
          ))}
        </SelectField>
        {canDecide ? (
          <label className="chip deals-filters__pending">
            <input
              type="checkbox"
              checked={pending}
              onChange={(event) => setFilter({ pending: event.target.checked })}
            />
            <span>{t("deals.filter.pending")}</span>
          </label>
        ) : null}
      </div>
      {deals.isPending ? (
        <Loading />
      ) : deals.isError ? (
        <LoadError error={deals.error} onRetry={() => void deals.refetch()} />
      ) : deals.data.items.length === 0 ? (
        <p className="empty-state">
          {status || pending ? t("deals.emptyFiltered") : t("deals.empty")}
        </p>
      ) : (
        <>
          <p className="muted total-line" role="status">
            {t("deals.count", { count: formatNumber(deals.data.items.length, locale) })}
          </p>
          <div
            className={deals.isPlaceholderData ? "table-wrap table-wrap--stale" : "table-wrap"}
            role="region"
            aria-labelledby="deals-caption"
            tabIndex={0}
          >
            <table className="table table--cards">
              <caption id="deals-caption" className="visually-hidden">
                {t("deals.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("deals.col.number")}</th>
                  <th scope="col">{t("deals.col.buyer")}</th>
                  <th scope="col">{t("deals.col.flat")}</th>
                  <th scope="col" className="cell--number">
                    {t("deals.col.price")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("deals.col.balance")}
                  </th>
                  <th scope="col">{t("deals.col.status")}</th>
                  <th scope="col">{t("deals.col.date")}</th>
                </tr>
              </thead>
              <tbody>
                {deals.data.items.map((deal) => (
                  <tr
                    key={deal.id}
                    className="row--link"
                    onClick={(event) => onRowClick(event, deal.id)}
                  >
                    <td className="cell--title nowrap">
                      <Link to={`/deals/${deal.id}`}>{deal.number}</Link>
                    </td>
                    <td data-label={t("deals.col.buyer")}>{deal.buyer.fullName}</td>
                    <td className="nowrap" data-label={t("deals.col.flat")}>
                      {t("deals.flatValue", {
                        number: deal.apartment.number,
                        block: deal.apartment.block,
                      })}
                    </td>
                    <td className="cell--number nowrap" data-label={t("deals.col.price")}>
                      {formatMoney(deal.price, deal.currency, locale)}
                    </td>
                    <td className="cell--number nowrap" data-label={t("deals.col.balance")}>
                      {formatMoney(deal.paid, deal.currency, locale)}
                      {" / "}
                      {formatMoney(deal.outstanding, deal.currency, locale)}
                    </td>
                    <td data-label={t("deals.col.status")}>
                      <span className={dealStatusClass(deal.status)}>
                        {t(`deal.status.${deal.status}`)}
                      </span>
                      {deal.status === "DRAFT" && deal.approval !== "NOT_REQUIRED" ? (
                        <span
                          className={`deal-approval-badge deal-approval-badge--${deal.approval}`}
                        >
                          {t(`deal.approvalBadge.${deal.approval}`)}
                        </span>
                      ) : null}
                    </td>
                    <td className="nowrap" data-label={t("deals.col.date")}>
                      {formatDate(deal.createdAt, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {deals.data.items.length >= limit && limit < MAX ? (
            <button
              type="button"
              className="button button--secondary load-more"
              disabled={deals.isFetching}
              onClick={() => setFilter({ limit: Math.min(MAX, limit + PAGE) })}
            >
              {deals.isFetching ? t("app.loading") : t("deals.more")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
