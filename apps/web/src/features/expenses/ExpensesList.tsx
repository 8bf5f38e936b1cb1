import { expenseRoutes } from "@crm/contracts";
import type { TCurrency, TExpense } from "@crm/contracts";
import { useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { formatDate, formatMoney } from "../../lib/format";
import { Dialog, TextPromptDialog } from "../../ui/Dialog";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { isLeadSource } from "../leads/lead-meta";
import { ExpenseForm, ReceiptInput, receiptProblem } from "./ExpenseForm";
import { useAttachReceipt, useExpenses, useVoidExpense } from "./expenses.queries";
import {
  CategorySelect,
  ComplexSelect,
  CurrencySelect,
  PeriodFields,
  SourceSelect,
  useUrlFilters,
} from "./fields";
import { ExportControl } from "../exports/ExportControl";
import { isDayValue } from "./periods";

const WRITERS: readonly string[] = expenseRoutes.create.access;

/** Filters in the URL, the entry form, and the list with totals per currency. */
export function ExpensesList() {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const canWrite = WRITERS.includes(user.role);
  const { params, get, setParam: setFilter } = useUrlFilters();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<TExpense | null>(null);
  const [voiding, setVoiding] = useState<TExpense | null>(null);
  const [attaching, setAttaching] = useState<TExpense | null>(null);
  const voidExpense = useVoidExpense();

  const from = params.get("from");
  const to = params.get("to");
  const source = params.get("source");
  const currency = params.get("currency");
  const query = {
    from: isDayValue(from) ? from : undefined,
    to: isDayValue(to) ? to : undefined,
    categoryId: Number(params.get("categoryId")) || undefined,
    complexId: Number(params.get("complexId")) || undefined,
    source: isLeadSource(source) ? source : undefined,
    currency: currency === "UZS" || currency === "USD" ? (currency as TCurrency) : undefined,
    voided: params.get("voided") === "include" ? ("include" as const) : ("exclude" as const),
  };
  const expenses = useExpenses(query);
  const items = expenses.data?.pages.flatMap((page) => page.items) ?? [];
  const totals = expenses.data?.pages[0]?.totals ?? [];

  return (
    <div className="backoffice-grid">
      {notice ? <Notice>{notice}</Notice> : null}
      {canWrite ? (
        <section className="panel" aria-labelledby="expense-form-title">
          <h2 id="expense-form-title">{t("expenses.form.title")}</h2>
          <ExpenseForm onDone={setNotice} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="expense-list-title">
        <h2 id="expense-list-title">{t("expenses.list.title")}</h2>
        <ExportControl request={{ kind: "expenses", params: query }} />
        <div className="backoffice-filters">
          <PeriodFields
            type="date"
            from={get("from")}
            to={get("to")}
            onFrom={setFilter("from")}
            onTo={setFilter("to")}
          />
          <CategorySelect
            label={t("expenses.field.category")}
            value={get("categoryId")}
            onChange={setFilter("categoryId")}
            emptyLabel={t("expenses.anyCategory")}
          />
          <ComplexSelect
            label={t("expenses.field.complex")}
            value={get("complexId")}
            onChange={setFilter("complexId")}
            emptyLabel={t("expenses.anyComplex")}
          />
          <SourceSelect
            label={t("expenses.field.source")}
            value={get("source")}
            onChange={setFilter("source")}
            emptyLabel={t("expenses.anySource")}
          />
          <CurrencySelect
            label={t("expenses.field.currency")}
            value={get("currency")}
            onChange={setFilter("currency")}
            emptyLabel={t("expenses.anyCurrency")}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={query.voided === "include"}
              onChange={(event) =>
                setFilter("voided")({ target: { value: event.target.checked ? "include" : "" } })
              }
            />
            {t("expenses.showVoided")}
          </label>
        </div>
        {expenses.isPending ? (
          <Loading />
        ) : expenses.isError ? (
          <LoadError error={expenses.error} onRetry={() => void expenses.refetch()} />
        ) : (
          <>
            <dl className="backoffice-totals" aria-label={t("expenses.list.totalsLabel")}>
              {totals.map((total) => (
                <div key={total.currency}>
                  <dt>{t("expenses.list.total", { currency: total.currency })}</dt>
                  <dd data-testid={`expenses-total-${total.currency}`}>
                    {formatMoney(total.amount, total.currency, locale)}
                  </dd>
                </div>
              ))}
            </dl>
            {items.length === 0 ? (
              <p className="empty-state">{t("expenses.list.empty")}</p>
            ) : (
              <div
                className="table-wrap"
                role="region"
                aria-labelledby="expense-list-title"
                tabIndex={0}
              >
                <table className="table table--cards">
                  <thead>
                    <tr>
                      <th scope="col">{t("expenses.col.date")}</th>
                      <th scope="col">{t("expenses.col.category")}</th>
                      <th scope="col" className="cell--number">
                        {t("expenses.col.amount")}
                      </th>
                      <th scope="col">{t("expenses.col.complex")}</th>
                      <th scope="col">{t("expenses.col.source")}</th>
                      <th scope="col">{t("expenses.col.note")}</th>
                      <th scope="col">{t("expenses.col.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.id} className={item.voidedAt ? "row--voided" : undefined}>
                        <td className="nowrap cell--title">
                          {formatDate(`${item.spentOn}T12:00:00`, locale)}
                        </td>
                        <td data-label={t("expenses.col.category")}>{item.category.name}</td>
                        <td className="cell--number nowrap" data-label={t("expenses.col.amount")}>
                          {formatMoney(item.amount, item.currency, locale)}
                        </td>
                        <td data-label={t("expenses.col.complex")}>{item.complex?.name ?? "—"}</td>
                        <td data-label={t("expenses.col.source")}>
                          {item.source ? t(`lead.source.${item.source}`) : "—"}
                        </td>
                        <td data-label={t("expenses.col.note")}>
                          {item.voidedAt
                            ? t("expenses.list.voided", { reason: item.voidReason ?? "" })
                            : (item.note ?? "")}
                        </td>
                        <td data-label={t("expenses.col.actions")}>
                          <div className="inline-actions">
                            {item.attachment ? (
                              <a
                                className="button button--secondary button--small"
                                href={`/api/expenses/${item.id}/attachment`}
                                download
                              >
                                {t("expenses.list.receipt")}
                              </a>
                            ) : null}
                            {canWrite && !item.voidedAt ? (
                              <>
                                <button
                                  type="button"
                                  className="button button--secondary button--small"
                                  onClick={() => setAttaching(item)}
                                >
                                  {t(
                                    item.attachment
                                      ? "expenses.list.replace"
                                      : "expenses.list.attach",
                                  )}
                                </button>
                                <button
                                  type="button"
                                  className="button button--secondary button--small"
                                  onClick={() => setEditing(item)}
                                >
                                  {t("expenses.list.edit")}
                                </button>
                                <button
                                  type="button"
                                  className="button button--danger button--small"
                                  onClick={() => setVoiding(item)}
                                >
                                  {t("expenses.list.void")}
                                </button>
                              </>
                            ) : null}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {expenses.hasNextPage ? (
              <button
                type="button"
                className="button button--secondary load-more"
                disabled={expenses.isFetchingNextPage}
                onClick={() => void expenses.fetchNextPage()}
              >
                {expenses.isFetchingNextPage ? t("app.loading") : t("expenses.list.more")}
              </button>
            ) : null}
          </>
        )}
      </section>
      {editing ? (
        <Dialog title={t("expenses.form.editTitle")} onClose={() => setEditing(null)}>
          <ExpenseForm
            expense={editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              setNotice(null);
            }}
          />
        </Dialog>
      ) : null}
      {attaching ? <AttachDialog expense={attaching} onClose={() => setAttaching(null)} /> : null}
      {voiding ? (
        <TextPromptDialog
          title={t("expenses.void.title")}
          body={<p>{t("expenses.void.body")}</p>}
          label={t("expenses.void.reason")}
          isRequired
          maxLength={500}
          tone="danger"
          confirmLabel={t("expenses.list.void")}
          isBusy={voidExpense.isPending}
          error={voidExpense.error ? errorMessage(t, voidExpense.error) : null}
          validate={(text) => (text ? undefined : t("expenses.void.required"))}
          onClose={() => {
            voidExpense.reset();
            setVoiding(null);
          }}
          onSubmit={(reason) =>
            voidExpense.mutate({ id: voiding.id, reason }, { onSuccess: () => setVoiding(null) })
          }
        />
      ) : null}
    </div>
  );
}

function AttachDialog({ expense, onClose }: { expense: TExpense; onClose: () => void }) {
  const t = useT();
  const attach = useAttachReceipt();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <Dialog
      title={t(expense.attachment ? "expenses.list.replace" : "expenses.list.attach")}
      onClose={onClose}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const local = file ? receiptProblem(file) : "expenses.form.receiptType";
          if (local) return setProblem(t(local));
          attach.mutate({ id: expense.id, file: file! }, { onSuccess: onClose });
        }}
      >
        <ReceiptInput onChange={setFile} error={problem} />
        {attach.error ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(t, attach.error)}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="button button--primary" disabled={attach.isPending}>
            {t("expenses.list.attach")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
