import type { BodyInput, dealRoutes, TCurrency, TDeal, TPayment } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useLanguage, useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { isApiError } from "../../lib/api";
import { toDay } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { formatMoney, moneyInputValue, parseMoneyInput } from "../../lib/format";
import { Dialog, DialogFooter } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { PAYMENT_METHODS } from "./deal-meta";
import { useRecordPayment, useRecordReceipt } from "./deals.queries";

type ReceiptBody = BodyInput<typeof dealRoutes.recordPayment>;

/** The day picked as an instant: now for today, local noon for another day. */
function paidAtOf(day: string): string {
  if (day === toDay(new Date())) return new Date().toISOString();
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date, 12).toISOString();
}

/**
 * Money received: amount, method, day and a note. More than is owed is refused by the API (409
 * with `remaining`); the form then says how much that is.
 */
function ReceiptFormDialog({
  title,
  intro,
  currency,
  defaultAmount,
  mutation,
  overpaymentKey,
  conflictKey,
  onSubmit,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  currency: TCurrency;
  defaultAmount: number;
  mutation: { isPending: boolean; isError: boolean; error: unknown };
  /** The message for an overpayment, with `{remaining}`. */
  overpaymentKey: MessageKey;
  /** The message for any other refusal (409). */
  conflictKey: MessageKey;
  onSubmit: (body: ReceiptBody) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const [amount, setAmount] = useState(moneyInputValue(defaultAmount));
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>("CASH");
  const [day, setDay] = useState(toDay(new Date()));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; day?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoneyInput(amount);
    const next = {
      amount:
        minor === null || Number.isNaN(minor) || minor <= 0 ? t("validation.money") : undefined,
      day: day ? undefined : t("validation.required"),
    };
    setErrors(next);
    if (next.amount || next.day || minor === null) return;
    onSubmit({
      amount: minor,
      method,
      paidAt: paidAtOf(day),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  const remainingFromServer = isApiError(mutation.error, 409)
    ? mutation.error.extension("remaining")
    : undefined;

  return (
    <Dialog title={title} onClose={onClose}>
      {intro}
      <form className="form" onSubmit={submit} noValidate>
        <AmountInput
          label={t("payment.record.amount", { currency })}
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
        <TextField
          label={t("payment.record.note")}
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
        />
        <DialogFooter
          confirmLabel={
            mutation.isPending ? t("payment.record.saving") : t("payment.record.submit")
          }
          isBusy={mutation.isPending}
          error={
            !mutation.isError
              ? null
              : typeof remainingFromServer === "number"
                ? t(overpaymentKey, {
                    remaining: formatMoney(remainingFromServer, currency, locale),
                  })
                : isApiError(mutation.error, 409)
                  ? t(conflictKey)
                  : errorMessage(t, mutation.error)
          }
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}

/** Money received against one scheduled payment: partial amounts add up. */
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
  return (
    <ReceiptFormDialog
      title={t("payment.record.title", { label })}
      intro={
        <p className="muted">
          {t("payment.record.remaining", { amount: formatMoney(remaining, currency, locale) })}
        </p>
      }
      currency={currency}
      defaultAmount={remaining}
      mutation={record}
      overpaymentKey="payment.record.overpayment"
      conflictKey="payment.record.conflict"
      onClose={onClose}
      onSubmit={(body) =>
        record.mutate(
          { paymentId: payment.id, body },
          {
            onSuccess: (saved) =>
              onDone(
                saved.status === "PAID"
                  ? t("payment.record.donePaid", { label })
                  : t("payment.record.donePartial", {
                      label,
                      remaining: formatMoney(saved.amount - saved.paidAmount, currency, locale),
                    }),
              ),
          },
        )
      }
    />
  );
}

/**
 * A sum for the contract as a whole ("what is due", paid in one transfer): the API pays the
 * oldest open instalments first, one receipt each under one number.
 */
export function RecordReceiptDialog({
  deal,
  onClose,
  onDone,
}: {
  deal: TDeal;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const record = useRecordReceipt(deal.id);
  const money = (minor: number) => formatMoney(minor, deal.currency, locale);
  const next = deal.schedule.find((payment) => payment.paidAmount < payment.amount);
  return (
    <ReceiptFormDialog
      title={t("receipt.record.title", { number: deal.number })}
      intro={
        <>
          <p>{t("receipt.record.order")}</p>
          <p className="muted">{t("receipt.record.owed", { amount: money(deal.outstanding) })}</p>
        </>
      }
      currency={deal.currency}
      defaultAmount={next ? next.amount - next.paidAmount : deal.outstanding}
      mutation={record}
      overpaymentKey="receipt.record.overpayment"
      conflictKey="receipt.record.conflict"
      onClose={onClose}
      onSubmit={(body) =>
        record.mutate(body, {
          onSuccess: (saved) => {
            const before = new Map(deal.schedule.map((payment) => [payment.id, payment]));
            const touched = saved.schedule.filter(
              (payment) => payment.paidAmount > (before.get(payment.id)?.paidAmount ?? 0),
            );
            onDone(t("receipt.record.done", { amount: money(body.amount), count: touched.length }));
          },
        })
      }
    />
  );
}
