import type { TCurrency, TPayment } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { toDay } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { formatMoney, moneyInputValue, parseMoneyInput } from "../../lib/format";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { PAYMENT_METHODS } from "./deal-meta";
import { useRecordPayment } from "./deals.queries";

/** The day picked as an instant: now for today, local noon for another day. */
function paidAtOf(day: string): string {
  if (day === toDay(new Date())) return new Date().toISOString();
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date, 12).toISOString();
}

/**
 * Money received against one scheduled payment: partial amounts add up; more than what is left
 * is refused by the API (409 with `remaining`), and the dialog says how much that is.
 */
export function RecordPaymentDialog({
  dealId,
  payment,
  label,
  currency,
  onClose,
  onDone,
}: {
  dealId: number;
  payment: TPayment;
  label: string;
  currency: TCurrency;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const record = useRecordPayment(dealId);
  const remaining = payment.amount - payment.paidAmount;
  const [amount, setAmount] = useState(moneyInputValue(remaining));
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>("CASH");
  const [day, setDay] = useState(toDay(new Date()));
  const [errors, setErrors] = useState<{ amount?: string; day?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoneyInput(amount);
    const next = {
      amount:
        minor === null || Number.isNaN(minor) || minor <= 0 ? t("validation.money") : undefined,
      day: day ? undefined : t("validation.required"),
    };
    setErrors(next);
    if (next.amount || next.day || minor === null) return;
    record.mutate(
      { paymentId: payment.id, body: { amount: minor, method, paidAt: paidAtOf(day) } },
      {
        onSuccess: (saved) => {
          onDone(
            saved.status === "PAID"
              ? t("payment.record.donePaid", { label })
              : t("payment.record.donePartial", {
                  label,
                  remaining: formatMoney(saved.amount - saved.paidAmount, currency, locale),
                }),
          );
        },
      },
    );
  };

  const remainingFromServer = isApiError(record.error, 409)
    ? record.error.extension("remaining")
    : undefined;

  return (
    <Dialog title={t("payment.record.title", { label })} onClose={onClose}>
      <p className="muted">
        {t("payment.record.remaining", { amount: formatMoney(remaining, currency, locale) })}
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("payment.record.amount", { currency })}
          inputMode="decimal"
          value={amount}
          error={errors.amount}
          onChange={(event) => setAmount(event.target.value)}
        />
        <SelectField
          label={t("payment.record.method")}
          value={method}
          onChange={(event) => setMethod(event.target.value as (typeof PAYMENT_METHODS)[number])}
        >
          {PAYMENT_METHODS.map((item) => (
            <option key={item} value={item}>
              {t(`payment.method.${item}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("payment.record.paidAt")}
          type="date"
          value={day}
          max={toDay(new Date())}
          error={errors.day}
          onChange={(event) => setDay(event.target.value)}
        />
        {record.isError ? (
          <p className="alert alert--error" role="alert">
            {typeof remainingFromServer === "number"
              ? t("payment.record.overpayment", {
                  remaining: formatMoney(remainingFromServer, currency, locale),
                })
              : isApiError(record.error, 409)
                ? t("payment.record.conflict")
                : errorMessage(t, record.error)}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="button button--primary" disabled={record.isPending}>
            {record.isPending ? t("payment.record.saving") : t("payment.record.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
