import { expenseRoutes, ZSetBudgetRequest } from "@crm/contracts";
import type { TCurrency } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { formatMoney, formatNumber, parseMoneyInput } from "../../lib/format";
import { TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { RatesNote } from "./ConvertedLine";
import { useBudgets, useDeleteBudget, usePlanVsFact, useSetBudget } from "./expenses.queries";
import {
  CategorySelect,
  ComplexSelect,
  CurrencySelect,
  PeriodFields,
  useUrlFilters,
} from "./fields";
import { addMonths, currentMonth, isMonth } from "./periods";

const WRITERS: readonly string[] = expenseRoutes.setBudget.access;

function Variance({ value, currency }: { value: number; currency: TCurrency }) {
  const { locale } = useLanguage();
  const t = useT();
  return (
    <span className={value < 0 ? "money--negative" : undefined}>
      {formatMoney(value, currency, locale)}
      {value < 0 ? <span className="visually-hidden"> {t("planFact.overspent")}</span> : null}
    </span>
  );
}

/** Budgets per category and month, and plan vs fact over a period of months. */
export function BudgetsPanel() {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const canWrite = WRITERS.includes(user.role);
  const { params, setParam } = useUrlFilters();
  const thisMonth = currentMonth();
  const from = isMonth(params.get("from")) ? params.get("from")! : addMonths(thisMonth, -2);
  const toParam = params.get("to");
  const to = isMonth(toParam) && toParam >= from ? toParam : thisMonth >= from ? thisMonth : from;
  const convertParam = params.get("convertTo");
  const convertTo = convertParam === "UZS" || convertParam === "USD" ? convertParam : undefined;
  const planFact = usePlanVsFact(from, to, convertTo);
  const budgets = useBudgets(from, to);
  const remove = useDeleteBudget();

  return (
    <div className="backoffice-grid">
      {canWrite ? <BudgetForm month={thisMonth} /> : null}
      <section className="panel" aria-labelledby="plan-fact-title">
        <h2 id="plan-fact-title">{t("planFact.title")}</h2>
        <div className="backoffice-filters">
          <PeriodFields
            type="month"
            from={from}
            to={to}
            onFrom={setParam("from")}
            onTo={setParam("to")}
            convertTo={convertTo}
            onConvertTo={setParam("convertTo")}
          />
        </div>
        {planFact.isPending ? (
          <Loading />
        ) : planFact.isError ? (
          <LoadError error={planFact.error} onRetry={() => void planFact.refetch()} />
        ) : planFact.data.rows.length === 0 ? (
          <p className="empty-state">{t("planFact.empty")}</p>
        ) : (
          <>
            <div
              className="table-wrap"
              role="region"
              aria-labelledby="plan-fact-title"
              tabIndex={0}
            >
              <table className="table table--cards" data-testid="plan-fact">
                <thead>
                  <tr>
                    <th scope="col">{t("planFact.col.month")}</th>
                    <th scope="col">{t("planFact.col.category")}</th>
                    <th scope="col" className="cell--number">
                      {t("planFact.col.planned")}
                    </th>
                    <th scope="col" className="cell--number">
                      {t("planFact.col.actual")}
                    </th>
                    <th scope="col" className="cell--number">
                      {t("planFact.col.variance")}
                    </th>
                    <th scope="col" className="cell--number">
                      {t("planFact.col.used")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {planFact.data.rows.map((row) => (
                    <tr key={`${row.month}-${row.category.id}-${row.currency}`}>
                      <td className="cell--title nowrap">{row.month}</td>
                      <td data-label={t("planFact.col.category")}>{row.category.name}</td>
                      <td className="cell--number nowrap" data-label={t("planFact.col.planned")}>
                        {formatMoney(row.planned, row.currency, locale)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("planFact.col.actual")}>
                        {formatMoney(row.actual, row.currency, locale)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("planFact.col.variance")}>
                        <Variance value={row.variance} currency={row.currency} />
                      </td>
                      <td className="cell--number" data-label={t("planFact.col.used")}>
                        {row.usedPct === null ? "—" : `${formatNumber(row.usedPct, locale)}%`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t("planFact.totals")}</h3>
            <dl className="backoffice-totals">
              {planFact.data.totals.map((total) => (
                <div key={total.currency} data-testid={`plan-fact-total-${total.currency}`}>
                  <dt>
                    {total.currency}: {t("planFact.col.planned")} / {t("planFact.col.actual")} /{" "}
                    {t("planFact.col.variance")}
                  </dt>
                  <dd>
                    {formatMoney(total.planned, total.currency, locale)} /{" "}
                    {formatMoney(total.actual, total.currency, locale)} /{" "}
                    <Variance value={total.variance} currency={total.currency} />
                  </dd>
                </div>
              ))}
            </dl>
            {planFact.data.converted ? (
              <>
                {planFact.data.converted.planned.amount !== null &&
                planFact.data.converted.actual.amount !== null ? (
                  <p>
                    {t("planFact.converted", {
                      currency: planFact.data.converted.actual.currency,
                      planned: formatMoney(
                        planFact.data.converted.planned.amount,
                        planFact.data.converted.planned.currency,
                        locale,
                      ),
                      actual: formatMoney(
                        planFact.data.converted.actual.amount,
                        planFact.data.converted.actual.currency,
                        locale,
                      ),
                    })}
                  </p>
                ) : null}
                <RatesNote
                  parts={[planFact.data.converted.planned, planFact.data.converted.actual]}
                />
              </>
            ) : null}
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="budgets-title">
        <h2 id="budgets-title">{t("budgets.title")}</h2>
        {budgets.isPending ? (
          <Loading />
        ) : budgets.isError ? (
          <LoadError error={budgets.error} onRetry={() => void budgets.refetch()} />
        ) : budgets.data.items.length === 0 ? (
          <p className="empty-state">{t("budgets.empty")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="budgets-title" tabIndex={0}>
            <table className="table table--cards">
              <thead>
                <tr>
                  <th scope="col">{t("planFact.col.month")}</th>
                  <th scope="col">{t("planFact.col.category")}</th>
                  <th scope="col">{t("expenses.field.complex")}</th>
                  <th scope="col" className="cell--number">
                    {t("planFact.col.planned")}
                  </th>
                  {canWrite ? <th scope="col">{t("expenses.col.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {budgets.data.items.map((budget) => (
                  <tr key={budget.id}>
                    <td className="cell--title nowrap">{budget.month}</td>
                    <td data-label={t("planFact.col.category")}>{budget.category.name}</td>
                    <td data-label={t("expenses.field.complex")}>
                      {budget.complex?.name ?? t("budgets.wholeCompany")}
                    </td>
                    <td className="cell--number nowrap" data-label={t("planFact.col.planned")}>
                      {formatMoney(budget.planned, budget.currency, locale)}
                    </td>
                    {canWrite ? (
                      <td data-label={t("expenses.col.actions")}>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(budget.id)}
                        >
                          {t("budgets.delete")}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {remove.error ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(t, remove.error)}
          </p>
        ) : null}
      </section>
    </div>
  );
}

function BudgetForm({ month }: { month: string }) {
  const t = useT();
  const setBudget = useSetBudget();
  const initial = { categoryId: "", month, complexId: "", planned: "", currency: "UZS" };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const set = (name: keyof typeof initial) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const planned = parseMoneyInput(values.planned);
    const parsed = ZSetBudgetRequest.safeParse({
      categoryId: values.categoryId === "" ? undefined : Number(values.categoryId),
      month: values.month,
      complexId: values.complexId === "" ? null : Number(values.complexId),
      planned: planned === null || Number.isNaN(planned) ? undefined : planned,
      currency: values.currency,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error));
    setErrors({});
    setBudget.mutate(parsed.data, { onSuccess: () => setDone(true) });
  };

  return (
    <section className="panel" aria-labelledby="budget-form-title">
      <h2 id="budget-form-title">{t("budgets.form.title")}</h2>
      {done ? <Notice>{t("budgets.form.saved")}</Notice> : null}
      {setBudget.error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, setBudget.error)}
        </p>
      ) : null}
      <form
        className="form form--grid"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="budget-form-title"
      >
        <CategorySelect
          label={t("expenses.field.category")}
          value={values.categoryId}
          onChange={set("categoryId")}
          error={errors.categoryId}
          emptyLabel="—"
          activeOnly
        />
        <TextField
          label={t("expenses.field.month")}
          type="month"
          value={values.month}
          onChange={set("month")}
          error={errors.month}
        />
        <ComplexSelect
          label={t("expenses.field.complex")}
          value={values.complexId}
          onChange={set("complexId")}
          error={errors.complexId}
          emptyLabel={t("budgets.wholeCompany")}
        />
        <AmountInput
          label={t("budgets.form.planned")}
          value={values.planned}
          onChange={set("planned")}
          error={errors.planned}
        />
        <CurrencySelect
          label={t("expenses.field.currency")}
          value={values.currency}
          onChange={set("currency")}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={setBudget.isPending}>
            {t("budgets.form.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
