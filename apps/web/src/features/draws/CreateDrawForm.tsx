import { ZCreateDrawRequest } from "@crm/contracts";
import type { TDrawEligibility } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { fromDateTimeLocal, toDateTimeLocal } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { SelectField, TextField } from "../../ui/Field";
import { useCreateDraw } from "./draws.queries";

const ELIGIBILITY: readonly TDrawEligibility[] = ["ANYONE", "LEADS", "BUYERS"];

function initialValues() {
  const now = Date.now();
  return {
    title: "",
    prizes: "",
    winnersCount: "1",
    entryOpensAt: toDateTimeLocal(new Date(now)),
    entryClosesAt: toDateTimeLocal(new Date(now + 7 * 86_400_000)),
    eligibility: "ANYONE" as TDrawEligibility,
  };
}

/** A new draw: title, prizes (one per line), winners, entry window, who may enter. */
export function CreateDrawForm() {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateDraw();
  const [values, setValues] = useState(initialValues);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = ZCreateDrawRequest.safeParse({
      title: values.title,
      prizes: values.prizes
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      winnersCount: Number(values.winnersCount),
      entryOpensAt: fromDateTimeLocal(values.entryOpensAt) ?? values.entryOpensAt,
      entryClosesAt: fromDateTimeLocal(values.entryClosesAt) ?? values.entryClosesAt,
      eligibility: values.eligibility,
    });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setFieldErrors({});
    create.mutate(parsed.data, {
      onSuccess: (draw) => void navigate(`/admin/draws/${draw.id}`),
      onError: (error) => {
        if (isApiError(error, 400) && error.fieldErrors.length > 0) {
          setFieldErrors(problemFieldErrors(t, error));
        } else setFormError(errorMessage(t, error));
      },
    });
  };

  return (
    <section className="panel" aria-labelledby="create-draw-title">
      <h2 id="create-draw-title">{t("draws.create.title")}</h2>
      {formError ? (
        <div className="alert alert--error" role="alert">
          {formError}
        </div>
      ) : null}
      <form className="form form--grid" noValidate onSubmit={onSubmit}>
        <TextField
          label={t("draws.field.title")}
          name="title"
          value={values.title}
          onChange={set("title")}
          error={fieldErrors.title}
          required
        />
        <div className={fieldErrors.prizes ? "field field--invalid" : "field"}>
          <label htmlFor="draw-prizes">{t("draws.field.prizes")}</label>
          <textarea
            id="draw-prizes"
            name="prizes"
            rows={3}
            value={values.prizes}
            onChange={set("prizes")}
            aria-invalid={fieldErrors.prizes ? true : undefined}
            aria-describedby="draw-prizes-hint"
          />
          <p id="draw-prizes-hint" className="field__hint">
            {t("draws.field.prizesHint")}
          </p>
          {fieldErrors.prizes ? <p className="field__error">{fieldErrors.prizes}</p> : null}
        </div>
        <TextField
          label={t("draws.field.winnersCount")}
          name="winnersCount"
          type="number"
          min={1}
          max={100}
          inputMode="numeric"
          value={values.winnersCount}
          onChange={set("winnersCount")}
          error={fieldErrors.winnersCount}
          required
        />
        <SelectField
          label={t("draws.field.eligibility")}
          name="eligibility"
          value={values.eligibility}
          onChange={set("eligibility")}
        >
          {ELIGIBILITY.map((value) => (
            <option key={value} value={value}>
              {t(`draws.eligibility.${value}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("draws.field.entryOpensAt")}
          name="entryOpensAt"
          type="datetime-local"
          value={values.entryOpensAt}
          onChange={set("entryOpensAt")}
          error={fieldErrors.entryOpensAt}
          required
        />
        <TextField
          label={t("draws.field.entryClosesAt")}
          name="entryClosesAt"
          type="datetime-local"
          value={values.entryClosesAt}
          onChange={set("entryClosesAt")}
          error={fieldErrors.entryClosesAt}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t("draws.create.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
