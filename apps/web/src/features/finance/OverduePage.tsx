import { useSearchParams } from "react-router";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { NAV_ITEMS } from "../../app/navigation";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatDate, formatMoney, formatNumber, formatPhone, telLink } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { useOverdue } from "./finance.queries";
import "./finance.css";
import { ExportControl } from "../exports/ExportControl";

const PAGE = 100;
const MAX = 500;

/** `/finance/overdue`: payments past due and not fully paid, most late first. */
export function OverduePage() {
  const t = useT();
  useDocumentTitle(t("overdue.title"));
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get("limit"));
  const limit =
    Number.isInteger(requested) && requested >= PAGE && requested <= MAX ? requested : PAGE;
  const overdue = useOverdue(limit);
  const leadRoles: readonly string[] = NAV_ITEMS.leads.roles;
  const canOpenLead = leadRoles.includes(user.role);

  return (
    <section className="page" aria-labelledby="overdue-title">
      <header className="page__header">
        <h1 id="overdue-title">{t("overdue.title")}</h1>
        <p className="muted">{t("overdue.subtitle")}</p>
        <ExportControl request={{ kind: "overdue", params: {} }} />
      </header>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.isError ? (
        <LoadError error={overdue.error} onRetry={() => void overdue.refetch()} />
      ) : overdue.data.items.length === 0 ? (
        <p className="empty-state">{t("overdue.empty")}</p>
      ) : (
        <>
          <p className="muted total-line" role="status">
            {t("overdue.count", { count: formatNumber(overdue.data.items.length, locale) })}
          </p>
          <div
            className={overdue.isPlaceholderData ? "table-wrap table-wrap--stale" : "table-wrap"}
            role="region"
            aria-labelledby="overdue-caption"
            tabIndex={0}
          >
            <table className="table table--cards">
              <caption id="overdue-caption" className="visually-hidden">
                {t("overdue.title")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("overdue.col.lead")}</th>
                  <th scope="col">{t("overdue.col.phone")}</th>
                  <th scope="col">{t("overdue.col.deal")}</th>
                  <th scope="col">{t("overdue.col.due")}</th>
                  <th scope="col" className="cell--number">
                    {t("overdue.col.daysLate")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("overdue.col.outstanding")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overdue.data.items.map((item) => (
                  <tr key={item.id}>
                    <td className="cell--title">
                      {canOpenLead ? (
                        <Link to={`/leads/${item.lead.id}`}>{item.lead.fullName}</Link>
                      ) : (
                        item.lead.fullName
                      )}
                    </td>
                    <td className="nowrap" data-label={t("overdue.col.phone")}>
                      <a href={telLink(item.lead.phone)}>{formatPhone(item.lead.phone)}</a>
                    </td>
                    <td className="nowrap" data-label={t("overdue.col.deal")}>
                      {item.dealId !== null ? (
                        <Link to={`/deals/${item.dealId}`}>
                          {item.dealNumber ?? `#${item.dealId}`}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="nowrap" data-label={t("overdue.col.due")}>
                      {formatDate(item.dueDate, locale)}
                    </td>
                    <td className="cell--number" data-label={t("overdue.col.daysLate")}>
                      <span className={item.daysLate > 30 ? "late late--long" : "late"}>
                        {formatNumber(item.daysLate, locale)}
                      </span>
                    </td>
                    <td className="cell--number nowrap" data-label={t("overdue.col.outstanding")}>
                      {formatMoney(item.outstanding, item.currency, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {overdue.data.items.length >= limit && limit < MAX ? (
            <button
              type="button"
              className="button button--secondary load-more"
              disabled={overdue.isFetching}
              onClick={() =>
                setParams({ limit: String(Math.min(MAX, limit + PAGE)) }, { replace: true })
              }
            >
              {overdue.isFetching ? t("app.loading") : t("overdue.more")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
