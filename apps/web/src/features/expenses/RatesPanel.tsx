import { expenseRoutes } from "@crm/contracts";
import { useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatMoney, parseMoneyInput } from "../../lib/format";
import { TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { useRates, useSetRate } from "./expenses.queries";
import { currentMonth, isMonth } from "./periods";

const WRITERS: readonly string[] = expenseRoutes.setRate.access;

/** Monthly UZS per USD rates: converted totals name the ones they used. */
export function RatesPanel() {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const canWrite = WRITERS.includes(user.role);
  const rates = useRates();
  const setRate = useSetRate();
  const [month, setMonth] = useState(currentMonth());
  const [rate, setRateText] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  return (
    <section className="panel" aria-labelledby="rates-title">
      <h2 id="rates-title">{t("rates.title")}</h2>
      {saved ? <Notice>{t("rates.saved")}</Notice> : null}
      {canWrite ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            const minor = parseMoneyInput(rate);
            if (!isMonth(month) || minor === null || Number.isNaN(minor) || minor < 1)
              return setProblem(t("app.error.invalid"));
            setProblem(undefined);
            setRate.mutate({ month, uzsPerUsd: minor }, { onSuccess: () => setSaved(true) });
          }}
        >
          <TextField
            label={t("expenses.field.month")}
            type="month"
            value={month}
            onChange={(event) => setMonth(event.target.value)}
          />
          <AmountInput
            label={t("rates.rate")}
            value={rate}
            onChange={(event) => setRateText(event.target.value)}
            error={problem}
          />
          <button type="submit" className="button button--primary" disabled={setRate.isPending}>
            {t("rates.save")}
          </button>
        </form>
      ) : (
        <p className="muted">{t("rates.readOnly")}</p>
      )}
      {setRate.error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, setRate.error)}
        </p>
      ) : null}
      {rates.isPending ? (
        <Loading />
      ) : rates.isError ? (
        <LoadError error={rates.error} onRetry={() => void rates.refetch()} />
      ) : rates.data.items.length === 0 ? (
        <p className="empty-state">{t("rates.empty")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="rates-title" tabIndex={0}>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t("rates.col.month")}</th>
                <th scope="col" className="cell--number">
                  {t("rates.col.rate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rates.data.items.map((item) => (
                <tr key={item.month} title={formatDateTime(item.updatedAt, locale)}>
                  <td className="cell--title">{item.month}</td>
                  <td className="cell--number nowrap" data-label={t("rates.col.rate")}>
                    {formatMoney(item.uzsPerUsd, "UZS", locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
