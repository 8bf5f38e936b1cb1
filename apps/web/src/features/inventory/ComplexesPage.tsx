import { inventoryRoutes, mayCall, ZCreateComplexRequest } from "@crm/contracts";
import type { TComplex, TCurrency } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { formatNumber } from "../../lib/format";
import { SelectField, TextAreaField, TextField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { FLAT_STATUSES } from "./flat-meta";
import { useComplexes, useCreateComplex } from "./inventory.queries";
import "./inventory.css";

/** `/complexes`: every residential complex with its flats by status; ADMIN adds complexes. */
export function ComplexesPage() {
  const t = useT();
  useDocumentTitle(t("complexes.title"));
  const user = useCurrentUser();
  const complexes = useComplexes();
  const [isCreating, setCreating] = useState(false);

  return (
    <section className="page" aria-labelledby="complexes-title">
      <header className="page__header page__header--row">
        <h1 id="complexes-title">{t("complexes.title")}</h1>
        {mayCall(inventoryRoutes.createComplex, user.role) && !isCreating ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
          >
            {t("complexes.new")}
          </button>
        ) : null}
      </header>
      {isCreating ? <CreateComplexForm onClose={() => setCreating(false)} /> : null}
      {complexes.isPending ? (
        <Loading />
      ) : complexes.isError ? (
        <LoadError error={complexes.error} onRetry={() => void complexes.refetch()} />
      ) : complexes.data.items.length === 0 ? (
        <p className="empty-state">{t("complexes.empty")}</p>
      ) : (
        <ul className="cards complex-cards">
          {complexes.data.items.map((complex) => (
            <ComplexCard key={complex.id} complex={complex} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ComplexCard({ complex }: { complex: TComplex }) {
  const t = useT();
  const { locale } = useLanguage();
  const total = FLAT_STATUSES.reduce((sum, status) => sum + complex.flats[status], 0);
  const titleId = `complex-${complex.id}-title`;
  return (
    <li className="card complex-card">
      <h2 id={titleId} className="card__title">
        <Link to={`/complexes/${complex.id}/grid`}>{complex.name}</Link>
      </h2>
      <p className="muted complex-card__place">
        {[complex.city, complex.address].filter(Boolean).join(", ")}
      </p>
      <p className="complex-card__badges">
        <span className="badge badge--muted">{complex.currency}</span>
        {complex.isPublished ? (
          // The public page is server-rendered, outside the SPA's router.
          <a href={`/c/${encodeURIComponent(complex.slug)}`} target="_blank" rel="noreferrer">
            {t("complexes.landing")}
          </a>
        ) : (
          <span className="badge badge--muted">{t("complexes.unpublished")}</span>
        )}
      </p>
      {total > 0 ? (
        <span className="complex-card__bar" aria-hidden="true">
          {FLAT_STATUSES.map((status) =>
            complex.flats[status] > 0 ? (
              <span
                key={status}
                className={`complex-card__segment complex-card__segment--${status}`}
                style={{ flexGrow: complex.flats[status] }}
              />
            ) : null,
          )}
        </span>
      ) : null}
      <ul className="complex-card__counts" aria-label={t("complexes.counts", { total })}>
        {FLAT_STATUSES.map((status) => (
          <li key={status} className={`flat-count flat-count--${status}`}>
            <span className="flat-count__swatch" aria-hidden="true" />
            {t(`flat.status.${status}`)}:{" "}
            <strong>{formatNumber(complex.flats[status], locale)}</strong>
          </li>
        ))}
      </ul>
      <Link
        className="button button--secondary complex-card__open"
        to={`/complexes/${complex.id}/grid`}
      >
        {t("complexes.openGrid")}
      </Link>
    </li>
  );
}

const CURRENCIES: readonly TCurrency[] = ["UZS", "USD"];

function CreateComplexForm({ onClose }: { onClose: () => void }) {
  const t = useT();
  const create = useCreateComplex();
  const [values, setValues] = useState({
    name: "",
    slug: "",
    city: "",
    address: "",
    description: "",
    currency: "UZS" as TCurrency,
    isPublished: false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const set =
    (name: "name" | "slug" | "city" | "address" | "description" | "currency") =>
    (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const input = ZCreateComplexRequest.safeParse(values);
    if (!input.success) {
      const found = zodFieldErrors(t, input.error);
      if (found.slug && values.slug.trim().length >= 2) found.slug = t("complexes.slugHint");
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(input.data, {
      onSuccess: (complex) => {
        setNotice(t("complexes.created", { name: complex.name }));
        setValues((current) => ({ ...current, name: "", slug: "", address: "", description: "" }));
      },
      onError: (error) => {
        if (isApiError(error, 409)) setErrors({ slug: t("complexes.slugTaken") });
        else if (isApiError(error, 400)) setErrors(problemFieldErrors(t, error));
      },
    });
  };

  return (
    <section className="panel complex-create" aria-labelledby="complex-create-title">
      <h2 id="complex-create-title">{t("complexes.new")}</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      <form className="form form--grid" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("complexes.field.name")}
          value={values.name}
          onChange={set("name")}
          error={errors.name}
          required
        />
        <TextField
          label={t("complexes.field.slug")}
          value={values.slug}
          onChange={set("slug")}
          error={errors.slug}
          hint={errors.slug ? undefined : t("complexes.slugHint")}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label={t("complexes.field.city")}
          value={values.city}
          onChange={set("city")}
          error={errors.city}
          required
        />
        <TextField
          label={t("complexes.field.address")}
          value={values.address}
          onChange={set("address")}
          error={errors.address}
        />
        <SelectField
          label={t("complexes.field.currency")}
          value={values.currency}
          onChange={set("currency")}
        >
          {CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={values.isPublished}
            onChange={(event) =>
              setValues((current) => ({ ...current, isPublished: event.target.checked }))
            }
          />
          {t("complexes.field.published")}
        </label>
        <div className="form__wide">
          <TextAreaField
            label={t("complexes.field.description")}
            value={values.description}
            onChange={set("description")}
            error={errors.description}
          />
        </div>
        {create.isError && !isApiError(create.error, 409) && !isApiError(create.error, 400) ? (
          <p className="alert alert--error form__wide" role="alert">
            {errorMessage(t, create.error)}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t("complexes.creating") : t("complexes.create")}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("app.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
