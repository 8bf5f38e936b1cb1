import { MAX_ATTACHMENT_BYTES, ZCreateExpenseRequest } from "@crm/contracts";
import type { TCurrency, TExpense } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { toDay } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { isApiError } from "../../lib/api";
import { moneyInputValue, parseMoneyInput } from "../../lib/format";
import { TextAreaField, TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import {
  useAttachReceipt,
  useCategories,
  useCreateExpense,
  useUpdateExpense,
} from "./expenses.queries";
import { CategorySelect, ComplexSelect, CurrencySelect, SourceSelect } from "./fields";

const RECEIPT_TYPES = "application/pdf,image/jpeg,image/png";

/** A receipt file checked before sending (the server checks its bytes again). */
export function receiptProblem(file: File | null): MessageKey | null {
  if (!file) return null;
  if (file.size > MAX_ATTACHMENT_BYTES) return "expenses.form.receiptTooLarge";
  if (file.type && !RECEIPT_TYPES.split(",").includes(file.type))
    return "expenses.form.receiptType";
  return null;
}

export function ReceiptInput({
  onChange,
  error,
}: {
  onChange: (file: File | null) => void;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label>
        {t("expenses.field.receipt")}
        <input
          className="file-input"
          type="file"
          accept={RECEIPT_TYPES}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        />
      </label>
      {error ? <p className="field__error">{error}</p> : null}
    </div>
  );
}

/** New expense, or the correction of one (`expense` given). */
export function ExpenseForm({
  expense,
  onDone,
  onCancel,
}: {
  expense?: TExpense;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const categories = useCategories();
  const create = useCreateExpense();
  const update = useUpdateExpense();
  const attach = useAttachReceipt();
  const active = (categories.data?.items ?? []).filter(
    (category) => category.isActive || category.id === expense?.category.id,
  );
  const initial = {
    categoryId: expense ? String(expense.category.id) : "",
    amount: expense ? moneyInputValue(expense.amount) : "",
    currency: (expense?.currency ?? "UZS") as TCurrency,
    spentOn: expense?.spentOn ?? toDay(new Date()),
    complexId: expense?.complex ? String(expense.complex.id) : "",
    source: expense?.source ?? "",
    note: expense?.note ?? "",
  };
  const [values, setValues] = useState(initial);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (name: keyof typeof initial) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));
  const busy = create.isPending || update.isPending || attach.isPending;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const amount = parseMoneyInput(values.amount);
    const parsed = ZCreateExpenseRequest.safeParse({
      categoryId: values.categoryId === "" ? undefined : Number(values.categoryId),
      amount: amount === null || Number.isNaN(amount) ? undefined : amount,
      currency: values.currency,
      spentOn: values.spentOn,
      complexId: values.complexId === "" ? null : Number(values.complexId),
      source: values.source === "" ? null : values.source,
      note: values.note.trim() === "" ? null : values.note,
    });
    const fileProblem = receiptProblem(file);
    if (!parsed.success || fileProblem) {
      setErrors({
        ...(parsed.success ? {} : zodFieldErrors(t, parsed.error)),
        ...(fileProblem ? { receipt: t(fileProblem) } : {}),
      });
      return;
    }
    setErrors({});
    const fail = (error: unknown) => {
      if (isApiError(error, 400) && error.fieldErrors.length > 0)
        setErrors(problemFieldErrors(t, error));
      else setFormError(errorMessage(t, error));
    };
    const afterSave = (saved: TExpense) => {
      if (!file) return onDone(t("expenses.form.added"));
      attach.mutate(
        { id: saved.id, file },
        { onSuccess: () => onDone(t("expenses.form.added")), onError: fail },
      );
    };
    if (expense)
      update.mutate({ id: expense.id, body: parsed.data }, { onSuccess: afterSave, onError: fail });
    else
      create.mutate(parsed.data, {
        onSuccess: (saved) => {
          setValues({ ...initial, categoryId: values.categoryId, currency: values.currency });
          afterSave(saved);
        },
        onError: fail,
      });
  };

  if (categories.data && active.length === 0)
    return <p className="muted">{t("expenses.form.noCategories")}</p>;

  return (
    <form
      className="form form--grid"
      noValidate
      onSubmit={onSubmit}
      aria-label={t(expense ? "expenses.form.editTitle" : "expenses.form.title")}
    >
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}
      <CategorySelect
        label={t("expenses.field.category")}
        value={values.categoryId}
        onChange={set("categoryId")}
        error={errors.categoryId}
        emptyLabel="—"
        activeOnly
        keepId={expense?.category.id}
      />
      <AmountInput
        label={t("expenses.field.amount")}
        value={values.amount}
        onChange={set("amount")}
        error={errors.amount}
        required
      />
      <CurrencySelect
        label={t("expenses.field.currency")}
        value={values.currency}
        onChange={set("currency")}
        error={errors.currency}
      />
      <TextField
        label={t("expenses.field.spentOn")}
        type="date"
        value={values.spentOn}
        onChange={set("spentOn")}
        error={errors.spentOn}
        required
      />
      <ComplexSelect
        label={t("expenses.field.complex")}
        value={values.complexId}
        onChange={set("complexId")}
        error={errors.complexId}
        emptyLabel={t("expenses.noComplex")}
      />
      <SourceSelect
        label={t("expenses.field.source")}
        value={values.source}
        onChange={set("source")}
        error={errors.source}
        emptyLabel={t("expenses.noSource")}
      />
      <TextAreaField
        label={t("expenses.field.note")}
        value={values.note}
        onChange={set("note")}
        error={errors.note}
        maxLength={1000}
      />
      {expense ? null : <ReceiptInput onChange={setFile} error={errors.receipt} />}
      <div className="form__actions">
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("app.cancel")}
          </button>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t(expense ? "expenses.form.save" : "expenses.form.submit")}
        </button>
      </div>
    </form>
  );
}
