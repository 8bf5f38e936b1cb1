import { ZPaymentMethod } from "@crm/contracts";
import { Link } from "react-router";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatDate, formatMoney } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { ComplexSelect, PeriodFields, useUrlFilters } from "../expenses/fields";
import { isDayValue } from "../expenses/periods";
import "../expenses/expenses.css";
import { useExpectedVsReceived, useRegister } from "./payments.queries";

const METHODS = ZPaymentMethod.options;
type Method = (typeof METHODS)[number];
const isMethod = (value: string | null): value is Method => METHODS.includes(value as Method);

/** `/payments`: the register of every payment received, and this month's expected vs received. */
export function PaymentsPage() {
  const t = useT();
  useDocumentTitle(t("register.title"));
  const { locale } = useLanguage();
  const { params, get, setParam: setFilter } = useUrlFilters();
  const expected = useExpectedVsReceived();
  const from = params.get("from");
  const to = params.get("to");
  const method = params.get("method");
  const reversed = params.get("reversed");
  const query = {
    from: isDayValue(from) ? from : undefined,
    to: isDayValue(to) ? to : undefined,
    complexId: Number(params.get("complexId")) || undefined,
    dealId: Number(params.get("dealId")) || undefined,
    method: isMethod(method) ? method : undefined,
    recordedById: Number(params.get("recordedById")) || undefined,
    reversed:
      reversed === "exclude" || reversed === "only"
        ? reversed
        : ("include" as "include" | "exclude" | "only"),
  };
  const register = useRegister(query);
  const items = register.data?.pages.flatMap((page) => page.items) ?? [];
  const totals = register.data?.pages[0]?.totals ?? [];
  const recorders = new Map(
    items.flatMap((item) =>
      item.recordedBy ? [[item.recordedBy.id, item.recordedBy.name] as const] : [],
    ),
  );

  return (
    <section className="page" aria-labelledby="payments-title">
      <header className="page__header">
        <h1 id="payments-title">{t("register.title")}</h1>
        <p className="muted">{t("register.subtitle")}</p>
      </header>
      <div className="backoffice-grid">
        <section className="panel" aria-labelledby="expected-title">
          <h2 id="expected-title">
            {t("register.expected.title", { month: expected.data?.month ?? "" })}
          </h2>
          {expected.isPending ? (
            <Loading />
          ) : expected.isError ? (
            <LoadError error={expected.error} onRetry={() => void expected.refetch()} />
          ) : expected.data.items.length === 0 ? (
            <p className="empty-state">{t("register.expected.empty")}</p>
          ) : (
            <dl className="backoffice-totals">
              {expected.data.items.map((item) => (
                <div key={item.currency}>
                  <dt>
                    {item.currency}: {t("register.expected.expected")} /{" "}
                    {t("register.expected.paidOfExpected")} / {t("register.expected.received")}
                  </dt>
                  <dd>
                    {formatMoney(item.expected, item.currency, locale)} /{" "}
                    {formatMoney(item.paidOfExpected, item.currency, locale)} /{" "}
                    {formatMoney(item.received, item.currency, locale)}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section className="panel" aria-labelledby="register-title">
          <h2 id="register-title" className="visually-hidden">
            {t("register.title")}
          </h2>
          <div className="backoffice-filters" role="group" aria-label={t("register.filters")}>
            <PeriodFields
              type="date"
              from={get("from")}
              to={get("to")}
              onFrom={setFilter("from")}
              onTo={setFilter("to")}
            />
            <ComplexSelect
              label={t("expenses.field.complex")}
              value={get("complexId")}
              onChange={setFilter("complexId")}
              emptyLabel={t("expenses.anyComplex")}
            />
            <TextField
              label={t("register.deal")}
              inputMode="numeric"
              value={get("dealId")}
              onChange={setFilter("dealId")}
            />
            <SelectField
              label={t("register.method")}
              value={get("method")}
              onChange={setFilter("method")}
            >
              <option value="">{t("register.anyMethod")}</option>
              {METHODS.map((value) => (
                <option key={value} value={value}>
                  {t(`payment.method.${value}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("register.recordedBy")}
              value={get("recordedById")}
              onChange={setFilter("recordedById")}
            >
              <option value="">{t("register.anyone")}</option>
              {[...recorders.entries()].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
              {query.recordedById && !recorders.has(query.recordedById) ? (
                <option value={query.recordedById}>#{query.recordedById}</option>
              ) : null}
            </SelectField>
            <SelectField
              label={t("register.reversed")}
              value={query.reversed}
              onChange={setFilter("reversed")}
            >
              <option value="include">{t("register.reversed.include")}</option>
              <option value="exclude">{t("register.reversed.exclude")}</option>
              <option value="only">{t("register.reversed.only")}</option>
            </SelectField>
          </div>
          {register.isPending ? (
            <Loading />
          ) : register.isError ? (
            <LoadError error={register.error} onRetry={() => void register.refetch()} />
          ) : (
            <>
              <dl className="backoffice-totals">
                {totals.map((total) => (
                  <div key={total.currency}>
                    <dt>{t("register.total", { currency: total.currency })}</dt>
                    <dd>{formatMoney(total.amount, total.currency, locale)}</dd>
                  </div>
                ))}
              </dl>
              {items.length === 0 ? (
                <p className="empty-state">{t("register.empty")}</p>
              ) : (
                <div
                  className="table-wrap"
                  role="region"
                  aria-labelledby="register-title"
                  tabIndex={0}
                >
                  <table className="table table--cards">
                    <thead>
                      <tr>
                        <th scope="col">{t("register.col.date")}</th>
                        <th scope="col">{t("register.col.number")}</th>
                        <th scope="col" className="cell--number">
                          {t("register.col.amount")}
                        </th>
                        <th scope="col">{t("register.col.deal")}</th>
                        <th scope="col">{t("register.col.buyer")}</th>
                        <th scope="col">{t("register.col.complex")}</th>
                        <th scope="col">{t("register.col.method")}</th>
                        <th scope="col">{t("register.col.recordedBy")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item) => (
                        <tr key={item.id} className={item.reversedAt ? "row--voided" : undefined}>
                          <td className="cell--title nowrap">{formatDate(item.paidAt, locale)}</td>
                          <td data-label={t("register.col.number")}>
                            {item.number}
                            {item.reversedAt ? (
                              <div className="badge badge--danger">
                                {t("register.reversedMark", { reason: item.reversalReason ?? "" })}
                              </div>
                            ) : null}
                          </td>
                          <td className="cell--number nowrap" data-label={t("register.col.amount")}>
                            {formatMoney(item.amount, item.currency, locale)}
                          </td>
                          <td className="nowrap" data-label={t("register.col.deal")}>
                            {item.deal ? (
                              <Link to={`/deals/${item.deal.id}`}>{item.deal.number}</Link>
                            ) : (
                              "—"
                            )}
                          </td>
                          <td data-label={t("register.col.buyer")}>{item.lead.fullName}</td>
                          <td data-label={t("register.col.complex")}>
                            {item.complex?.name ?? "—"}
                          </td>
                          <td data-label={t("register.col.method")}>
                            {t(`payment.method.${item.method}`)}
                          </td>
                          <td data-label={t("register.col.recordedBy")}>
                            {item.recordedBy?.name ?? "—"}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {register.hasNextPage ? (
                <button
                  type="button"
                  className="button button--secondary load-more"
                  disabled={register.isFetchingNextPage}
                  onClick={() => void register.fetchNextPage()}
                >
                  {register.isFetchingNextPage ? t("app.loading") : t("register.more")}
                </button>
              ) : null}
            </>
          )}
        </section>
      </div>
    </section>
  );
}
