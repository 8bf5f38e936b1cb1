import { ZDuplicateLead } from "@crm/contracts";
import type { TCurrency, TLead, TRoleCode } from "@crm/contracts";
import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link } from "react-router";
import type { Translate } from "../../i18n";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { moneyInputValue, parseMoneyInput } from "../../lib/format";
import { SelectField, TextAreaField, TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { LEAD_SOURCES, REGION_SUGGESTIONS } from "./lead-meta";
import type { LeadSource } from "./lead-meta";
import type { PersonOption } from "./leads.queries";

/** What the form edits, as text; `toLeadFields` turns it into contract fields. */
export interface LeadFormValues {
  fullName: string;
  phone: string;
  region: string;
  source: LeadSource;
  budget: string;
  budgetCurrency: TCurrency;
  note: string;
  complexId: string;
  apartmentId: string;
}

export const EMPTY_LEAD_VALUES: LeadFormValues = {
  fullName: "",
  phone: "",
  region: "",
  source: "OTHER",
  budget: "",
  budgetCurrency: "UZS",
  note: "",
  complexId: "",
  apartmentId: "",
};

export function leadFormValues(lead: TLead): LeadFormValues {
  return {
    fullName: lead.fullName,
    phone: lead.phone,
    region: lead.region ?? "",
    source: lead.source,
    budget: moneyInputValue(lead.budget),
    budgetCurrency: lead.budgetCurrency ?? "UZS",
    note: lead.note ?? "",
    complexId: lead.complexId === null ? "" : String(lead.complexId),
    apartmentId: lead.apartmentId === null ? "" : String(lead.apartmentId),
  };
}

export interface LeadFields {
  fullName: string;
  phone: string;
  region: string | null;
  source: LeadSource;
  budget: number | null;
  budgetCurrency: TCurrency | null;
  note: string | null;
  complexId: number | null;
  apartmentId: number | null;
}

/** Form text → contract fields; a money or id that does not parse is a field error. */
export function toLeadFields(
  t: Translate,
  values: LeadFormValues,
): { fields: LeadFields; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const budget = parseMoneyInput(values.budget);
  if (Number.isNaN(budget)) errors.budget = t("validation.money");
  const idOf = (name: "complexId" | "apartmentId") => {
    const text = values[name].trim();
    if (text === "") return null;
    const id = Number(text);
    if (!Number.isSafeInteger(id) || id <= 0) errors[name] = t("validation.id");
    return id;
  };
  const fields: LeadFields = {
    fullName: values.fullName,
    phone: values.phone,
    region: values.region.trim() || null,
    source: values.source,
    budget: budget === null || Number.isNaN(budget) ? null : budget,
    budgetCurrency: budget === null ? null : values.budgetCurrency,
    note: values.note.trim() || null,
    complexId: idOf("complexId"),
    apartmentId: idOf("apartmentId"),
  };
  return { fields, errors };
}

/** A 409 on the phone: whose lead it is decides what we may say and link to. */
export function DuplicateNotice({ error }: { error: unknown }) {
  const t = useT();
  if (!isApiError(error, 409)) return null;
  const duplicate = ZDuplicateLead.safeParse(error.extension("duplicate"));
  if (!duplicate.success) return null;
  const { isOwn, ownerRole, leadId } = duplicate.data;
  const message = isOwn
    ? t("duplicate.own")
    : ownerRole === "SELLER"
      ? t("duplicate.seller")
      : ownerRole === null
        ? t("duplicate.unassigned")
        : t("duplicate.other", { role: t(`role.${ownerRole}`) });
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {leadId !== null ? <Link to={`/leads/${leadId}`}>{t("duplicate.open")}</Link> : null}
    </div>
  );
}

/** Field errors and a form-level message from a failed create or update. */
export function leadWriteErrors(
  t: Translate,
  error: unknown,
): { fieldErrors: FieldErrors; formError: string | null } {
  if (isApiError(error) && (error.status === 400 || error.status === 409)) {
    const fieldErrors = problemFieldErrors(t, error);
    if (error.fieldErrors.some((item) => item.code === "duplicate")) {
      fieldErrors.phone = t("duplicate.field");
    }
    if (error.fieldErrors.some((item) => item.code === "invalid_owner")) {
      fieldErrors.ownerId = t("owner.invalid");
    }
    // DuplicateNotice explains a duplicate; field errors explain themselves.
    const isExplained =
      error.extension("duplicate") !== undefined || Object.keys(fieldErrors).length > 0;
    return { fieldErrors, formError: isExplained ? null : errorMessage(t, error) };
  }
  return { fieldErrors: {}, formError: errorMessage(t, error) };
}

interface LeadFormProps {
  initial: LeadFormValues;
  submitLabel: string;
  submittingLabel: string;
  isPending: boolean;
  fieldErrors: FieldErrors;
  /** Server problems above the fields (a duplicate notice, a generic failure). */
  banner?: ReactNode;
  complexes: PersonOption[];
  /** Only editing offers the complex and flat (creating does not know them yet). */
  showPlacement: boolean;
  /** Extra fields after the standard ones (the owner picker when creating). */
  extra?: ReactNode;
  onSubmit: (values: LeadFormValues) => void;
  onCancel?: () => void;
}

export function LeadForm({
  initial,
  submitLabel,
  submittingLabel,
  isPending,
  fieldErrors,
  banner,
  complexes,
  showPlacement,
  extra,
  onSubmit,
  onCancel,
}: LeadFormProps) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const regionListId = useId();

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  const set = (name: keyof LeadFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form ref={formRef} className="form form--grid" noValidate onSubmit={submit}>
      {banner ? <div className="form__wide">{banner}</div> : null}
      <TextField
        label={t("lead.field.fullName")}
        name="fullName"
        autoComplete="off"
        value={values.fullName}
        onChange={set("fullName")}
        error={fieldErrors.fullName}
        maxLength={200}
        required
      />
      <TextField
        label={t("lead.field.phone")}
        name="phone"
        type="tel"
        autoComplete="off"
        value={values.phone}
        onChange={set("phone")}
        error={fieldErrors.phone}
        hint={t("lead.phoneHint")}
        required
      />
      <SelectField
        label={t("lead.field.source")}
        name="source"
        value={values.source}
        onChange={set("source")}
        error={fieldErrors.source}
      >
        {LEAD_SOURCES.map((source) => (
          <option key={source} value={source}>
            {t(`lead.source.${source}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("lead.field.region")}
        name="region"
        list={regionListId}
        autoComplete="off"
        value={values.region}
        onChange={set("region")}
        error={fieldErrors.region}
        maxLength={100}
      />
      <datalist id={regionListId}>
        {REGION_SUGGESTIONS.map((region) => (
          <option key={region} value={region} />
        ))}
      </datalist>
      <AmountInput
        label={t("lead.field.budget")}
        name="budget"
        value={values.budget}
        onChange={set("budget")}
        error={fieldErrors.budget}
        hint={t("lead.budgetHint")}
      />
      <SelectField
        label={t("lead.field.budgetCurrency")}
        name="budgetCurrency"
        value={values.budgetCurrency}
        onChange={set("budgetCurrency")}
        error={fieldErrors.budgetCurrency}
      >
        <option value="UZS">UZS</option>
        <option value="USD">USD</option>
      </SelectField>
      {showPlacement ? (
        <>
          <SelectField
            label={t("lead.field.complex")}
            name="complexId"
            value={values.complexId}
            onChange={set("complexId")}
            error={fieldErrors.complexId}
          >
            <option value="">{t("lead.noComplex")}</option>
            {complexes.map((complex) => (
              <option key={complex.id} value={complex.id}>
                {complex.name}
              </option>
            ))}
            {values.complexId && !complexes.some((c) => String(c.id) === values.complexId) ? (
              <option value={values.complexId}>#{values.complexId}</option>
            ) : null}
          </SelectField>
          <TextField
            label={t("lead.field.apartmentId")}
            name="apartmentId"
            inputMode="numeric"
            autoComplete="off"
            value={values.apartmentId}
            onChange={set("apartmentId")}
            error={fieldErrors.apartmentId}
          />
        </>
      ) : null}
      {extra}
      <div className="form__wide">
        <TextAreaField
          label={t("lead.field.note")}
          name="note"
          value={values.note}
          onChange={set("note")}
          error={fieldErrors.note}
          maxLength={2000}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={isPending}>
          {isPending ? submittingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("app.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Who owns a lead (MOP/ADMIN): nobody, me (a sales manager may own leads) or anyone the API
 * lists as assignable.
 */
export function OwnerPicker({
  me,
  options,
  value,
  onChange,
  error,
  label,
  allowNone,
  excludeId,
}: {
  me: { id: number; role: TRoleCode };
  options: PersonOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label: string;
  allowNone: boolean;
  /** The current owner, when reassigning. */
  excludeId?: number | undefined;
}) {
  const t = useT();
  const canOwnSelf = me.role === "MOP" && me.id !== excludeId;
  const others = options.filter((option) => option.id !== me.id && option.id !== excludeId);
  return (
    <SelectField
      label={label}
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    >
      {allowNone ? (
        <option value="">{t("owner.none")}</option>
      ) : (
        <option value="" disabled>
          {t("owner.choose")}
        </option>
      )}
      {canOwnSelf ? <option value={me.id}>{t("owner.me")}</option> : null}
      {others.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </SelectField>
  );
}
