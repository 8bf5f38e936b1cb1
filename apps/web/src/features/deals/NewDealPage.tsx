import { installmentSchedule, scheduleProblem, ZId } from "@crm/contracts";
import type { TFlat, TLead } from "@crm/contracts";
import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { toDay } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors } from "../../lib/form-errors";
import { formatDate, formatMoney, moneyInputValue, parseMoneyInput } from "../../lib/format";
import { TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { useFlat } from "../inventory/inventory.queries";
import { LeadPicker } from "../inventory/LeadPicker";
import { dayAsInstant, paymentLabel, percentOf, scheduleProblemText } from "./deal-meta";
import { useCreateDeal, useDealLead } from "./deals.queries";
import "./deals.css";

const DOWN_PRESETS = [10, 20, 30, 50, 100] as const;
const DEFAULT_DOWN_PERCENT = 30;
const DEFAULT_MONTHS = 12;

/**
 * `/deals/new?leadId=…`: the contract wizard. The flat comes from the lead's booking; the terms
 * give a live schedule preview computed by the same `installmentSchedule()` the API stores.
 */
export function NewDealPage() {
  const t = useT();
  useDocumentTitle(t("deal.new.title"));
  const [params, setParams] = useSearchParams();
  const leadId = ZId.safeParse(params.get("leadId") ?? undefined);
  return (
    <section className="page page--narrow deal-wizard" aria-labelledby="deal-new-title">
      <header className="page__header">
        <h1 id="deal-new-title">{t("deal.new.title")}</h1>
        <p className="muted">{t("deal.new.subtitle")}</p>
      </header>
      {leadId.success ? (
        <LeadStep key={leadId.data} leadId={leadId.data} />
      ) : (
        <ChooseLead onChoose={(id) => setParams({ leadId: String(id) })} />
      )}
    </section>
  );
}

/** Without a lead in the URL: pick one of the booked leads the user may see. */
function ChooseLead({ onChoose }: { onChoose: (leadId: number) => void }) {
  const t = useT();
  const [leadId, setLeadId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="panel form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (leadId === null) setError(t("leadPicker.required"));
        else onChoose(leadId);
      }}
    >
      <h2>{t("deal.step.lead")}</h2>
      <LeadPicker value={leadId} onChange={setLeadId} error={error} statuses="BOOKED" />
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {t("deal.step.next")}
        </button>
      </div>
    </form>
  );
}

function LeadStep({ leadId }: { leadId: number }) {
  const t = useT();
  const lead = useDealLead(leadId);
  if (lead.isPending) return <Loading />;
  if (isApiError(lead.error, 404)) {
    return (
      <p className="alert alert--error" role="alert">
        {t("deal.new.leadMissing")}
      </p>
    );
  }
  if (lead.isError) return <LoadError error={lead.error} onRetry={() => void lead.refetch()} />;
  if (lead.data.apartmentId === null) return <NoHold lead={lead.data} />;
  return <FlatStep lead={lead.data} flatId={lead.data.apartmentId} />;
}

function NoHold({ lead }: { lead: TLead }) {
  const t = useT();
  const target = lead.complexId ? `/complexes/${lead.complexId}/grid` : "/complexes";
  return (
    <div className="panel">
      <p className="alert alert--error" role="alert">
        {lead.status === "SOLD"
          ? t("deal.new.sold", { name: lead.fullName })
          : t("deal.new.noHold", { name: lead.fullName })}
      </p>
      <Link className="button button--secondary" to={target}>
        {t("deal.new.toGrid")}
      </Link>
    </div>
  );
}

function FlatStep({ lead, flatId }: { lead: TLead; flatId: number }) {
  const flat = useFlat(flatId);
  if (flat.isPending) return <Loading />;
  if (flat.isError) return <LoadError error={flat.error} onRetry={() => void flat.refetch()} />;
  const isHeld = flat.data.status === "BOOKED" && flat.data.bookedLead?.id === lead.id;
  if (!isHeld) return <NoHold lead={lead} />;
  return <TermsStep lead={lead} flat={flat.data} />;
}

interface Terms {
  price: string;
  downPayment: string;
  months: string;
  start: string;
  fixedUzsRate: string;
}

function TermsStep({ lead, flat }: { lead: TLead; flat: TFlat }) {
  const t = useT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const create = useCreateDeal();
  const [terms, setTerms] = useState<Terms>(() => ({
    price: moneyInputValue(flat.price),
    downPayment: moneyInputValue(percentOf(flat.price, DEFAULT_DOWN_PERCENT)),
    months: String(DEFAULT_MONTHS),
    start: toDay(new Date()),
    fixedUzsRate: "",
  }));
  const set = (name: keyof Terms) => (event: { target: { value: string } }) =>
    setTerms((current) => ({ ...current, [name]: event.target.value }));

  const price = parseMoneyInput(terms.price);
  const downPayment = parseMoneyInput(terms.downPayment);
  const months = terms.months.trim() === "" ? Number.NaN : Number(terms.months);
  const rate = parseMoneyInput(terms.fixedUzsRate);
  const fieldErrors = {
    price: price === null || Number.isNaN(price) ? t("validation.money") : undefined,
    downPayment:
      downPayment === null || Number.isNaN(downPayment) ? t("validation.money") : undefined,
    months: Number.isInteger(months) ? undefined : t("deal.field.monthsInvalid"),
    start: terms.start ? undefined : t("validation.required"),
    fixedUzsRate: rate !== null && Number.isNaN(rate) ? t("validation.money") : undefined,
  };
  const hasFieldErrors = Object.values(fieldErrors).some(Boolean);

  const preview = useMemo(() => {
    if (hasFieldErrors || price === null || downPayment === null) return null;
    const problem = scheduleProblem({ price, downPayment, months });
    if (problem) return { problem, rows: [] };
    return {
      problem: null,
      rows: installmentSchedule({ price, downPayment, months, start: dayAsInstant(terms.start) }),
    };
  }, [hasFieldErrors, price, downPayment, months, terms.start]);

  const canSubmit = preview !== null && preview.problem === null;
  const serverErrors = isApiError(create.error, 400) ? problemFieldErrors(t, create.error) : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || price === null || downPayment === null) return;
    create.mutate(
      {
        leadId: lead.id,
        downPayment,
        installmentMonths: months,
        startDate: dayAsInstant(terms.start).toISOString(),
        ...(price !== flat.price ? { price } : {}),
        ...(flat.currency === "USD" && rate ? { fixedUzsRate: rate } : {}),
      },
      { onSuccess: (deal) => void navigate(`/deals/${deal.id}`) },
    );
  };

  return (
    <form className="deal-wizard__steps" onSubmit={onSubmit} noValidate>
      <section className="panel" aria-labelledby="deal-step-flat">
        <h2 id="deal-step-flat">{t("deal.step.flat")}</h2>
        <dl className="details">
          <div className="details__row">
            <dt>{t("deal.field.client")}</dt>
            <dd>{lead.fullName}</dd>
          </div>
          <div className="details__row">
            <dt>{t("deal.field.flat")}</dt>
            <dd>
              <Link to={`/complexes/${flat.complexId}/grid?flat=${flat.id}`}>
                {t("flat.title", { number: flat.number })}
              </Link>{" "}
              · {t("flat.areaValue", { area: new Intl.NumberFormat(locale).format(flat.area) })}
            </dd>
          </div>
          <div className="details__row">
            <dt>{t("deal.field.listPrice")}</dt>
            <dd>{formatMoney(flat.price, flat.currency, locale)}</dd>
          </div>
          {flat.bookedUntil ? (
            <div className="details__row">
              <dt>{t("flat.bookedUntil")}</dt>
              <dd>{formatDate(flat.bookedUntil, locale)}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="panel" aria-labelledby="deal-step-terms">
        <h2 id="deal-step-terms">{t("deal.step.terms")}</h2>
        <div className="form form--grid">
          <TextField
            label={t("deal.field.price", { currency: flat.currency })}
            inputMode="decimal"
            value={terms.price}
            onChange={set("price")}
            error={fieldErrors.price ?? serverErrors.price}
            hint={t("deal.field.priceHint")}
          />
          <TextField
            label={t("deal.field.downPayment", { currency: flat.currency })}
            inputMode="decimal"
            value={terms.downPayment}
            onChange={set("downPayment")}
            error={fieldErrors.downPayment}
          />
          <TextField
            label={t("deal.field.months")}
            type="number"
            min={0}
            max={360}
            value={terms.months}
            onChange={set("months")}
            error={fieldErrors.months ?? serverErrors.installmentMonths}
            hint={t("deal.field.monthsHint")}
          />
          <TextField
            label={t("deal.field.start")}
            type="date"
            value={terms.start}
            onChange={set("start")}
            error={fieldErrors.start ?? serverErrors.startDate}
          />
          {flat.currency === "USD" ? (
            <TextField
              label={t("deal.field.rate")}
              inputMode="decimal"
              value={terms.fixedUzsRate}
              onChange={set("fixedUzsRate")}
              error={fieldErrors.fixedUzsRate}
              hint={t("deal.field.rateHint")}
            />
          ) : null}
        </div>
        {price !== null && !Number.isNaN(price) ? (
          <div className="deal-wizard__presets" role="group" aria-label={t("deal.downPresets")}>
            {DOWN_PRESETS.map((percent) => (
              <button
                key={percent}
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  setTerms((current) => ({
                    ...current,
                    downPayment: moneyInputValue(percentOf(price, percent)),
                    months: percent === 100 ? "0" : current.months === "0" ? "12" : current.months,
                  }))
                }
              >
                {t("deal.downPreset", { percent })}
              </button>
            ))}
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="deal-step-schedule">
        <h2 id="deal-step-schedule">{t("deal.step.schedule")}</h2>
        {preview?.problem ? (
          <p className="alert alert--error" role="status">
            {scheduleProblemText(t, preview.problem)}
          </p>
        ) : null}
        {preview && preview.rows.length > 0 && price !== null ? (
          <SchedulePreview
            rows={preview.rows}
            months={months}
            total={price}
            currency={flat.currency}
          />
        ) : null}
        {preview === null ? <p className="muted">{t("deal.preview.waiting")}</p> : null}
      </section>

      {create.isError ? (
        <p className="alert alert--error" role="alert">
          {isApiError(create.error, 409)
            ? t("deal.create.conflict")
            : isApiError(create.error, 400)
              ? t("validation.summary")
              : errorMessage(t, create.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!canSubmit || create.isPending}
        >
          {create.isPending ? t("deal.create.submitting") : t("deal.create.submit")}
        </button>
        <Link className="button button--secondary" to={`/complexes/${flat.complexId}/grid`}>
          {t("app.cancel")}
        </Link>
      </div>
    </form>
  );
}

function SchedulePreview({
  rows,
  months,
  total,
  currency,
}: {
  rows: ReturnType<typeof installmentSchedule>;
  months: number;
  total: number;
  currency: TFlat["currency"];
}) {
  const t = useT();
  const { locale } = useLanguage();
  const monthly = rows.find((row) => row.kind === "INSTALLMENT");
  return (
    <>
      <p className="deal-wizard__summary" role="status">
        {monthly
          ? t("deal.preview.summary", {
              count: rows.length,
              monthly: formatMoney(monthly.amount, currency, locale),
            })
          : t("deal.preview.single")}
      </p>
      <div className="table-wrap deal-schedule">
        <table className="table">
          <caption className="visually-hidden">{t("deal.preview.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("payment.col.payment")}</th>
              <th scope="col">{t("payment.col.due")}</th>
              <th scope="col" className="cell--number">
                {t("payment.col.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.seq}>
                <td>{paymentLabel(t, row, months)}</td>
                <td className="nowrap">{formatDate(row.dueDate.toISOString(), locale)}</td>
                <td className="cell--number nowrap">{formatMoney(row.amount, currency, locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("payment.total")}
              </th>
              <td className="cell--number nowrap">{formatMoney(total, currency, locale)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
