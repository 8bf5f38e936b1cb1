import {
  discountPct,
  installmentSchedule,
  minDownPayment,
  needsApproval,
  scheduleProblem,
  ZId,
} from "@crm/contracts";
import type { TCurrency, TFlat, TLead } from "@crm/contracts";
import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePolicySettings } from "../../app/policy";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import type { MessageKey, Translate } from "../../i18n";
import { isApiError } from "../../lib/api";
import type { ApiError } from "../../lib/api";
import { toDay } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { fieldName, problemFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  moneyInputValue,
  parseMoneyInput,
} from "../../lib/format";
import { TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { LoadError, Loading } from "../../ui/Status";
import { useFlat } from "../inventory/inventory.queries";
import { LeadPicker } from "../inventory/LeadPicker";
import {
  dayAsInstant,
  earliestStartDay,
  paymentLabel,
  percentOf,
  scheduleProblemText,
} from "./deal-meta";
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

/**
 * Refusals of the price policy name their field in `code` (the API checks the limits after the
 * shape); they read better as what the policy wants than as a bare "invalid value".
 */
const POLICY_REFUSALS: Partial<Record<string, MessageKey>> = {
  downPayment: "deal.server.downPayment",
  startDate: "deal.server.startDate",
};

function termsErrors(t: Translate, error: ApiError): FieldErrors {
  const errors = problemFieldErrors(t, error);
  for (const item of error.fieldErrors) {
    const key = POLICY_REFUSALS[item.code];
    if (key) errors[fieldName(item.path)] = t(key);
  }
  return errors;
}

function TermsStep({ lead, flat }: { lead: TLead; flat: TFlat }) {
  const t = useT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const create = useCreateDeal();
  const { pricing } = usePolicySettings();
  const [terms, setTerms] = useState<Terms>(() => ({
    price: moneyInputValue(flat.price),
    downPayment: moneyInputValue(
      percentOf(flat.price, Math.max(DEFAULT_DOWN_PERCENT, pricing.minDownPaymentPct)),
    ),
    months: String(DEFAULT_MONTHS),
    start: toDay(new Date()),
    fixedUzsRate: "",
  }));
  const set = (name: keyof Terms) => (event: { target: { value: string } }) =>
    setTerms((current) => ({ ...current, [name]: event.target.value }));
  const money = (minor: number) => formatMoney(minor, flat.currency, locale);

  const price = parseMoneyInput(terms.price);
  const downPayment = parseMoneyInput(terms.downPayment);
  const months = terms.months.trim() === "" ? Number.NaN : Number(terms.months);
  const rate = parseMoneyInput(terms.fixedUzsRate);
  const validPrice = price === null || Number.isNaN(price) ? null : price;
  const validDown = downPayment === null || Number.isNaN(downPayment) ? null : downPayment;
  const formatErrors = {
    price: validPrice === null ? t("validation.money") : undefined,
    downPayment: validDown === null ? t("validation.money") : undefined,
    months: Number.isInteger(months) ? undefined : t("deal.field.monthsInvalid"),
    start: terms.start ? undefined : t("validation.required"),
    fixedUzsRate: rate !== null && Number.isNaN(rate) ? t("validation.money") : undefined,
  };
  const hasFormatErrors = Object.values(formatErrors).some(Boolean);

  // The price policy, with the numbers the API applies to this user (GET /api/settings/policy).
  const minDown =
    validPrice === null ? null : minDownPayment(validPrice, pricing.minDownPaymentPct);
  const earliest = earliestStartDay(pricing.startDateGraceDays);
  const policyErrors = {
    downPayment:
      minDown !== null && validDown !== null && validDown < minDown
        ? t("deal.field.downPaymentMin", {
            percent: formatNumber(pricing.minDownPaymentPct, locale),
            amount: money(minDown),
          })
        : undefined,
    start:
      terms.start && terms.start < earliest
        ? t("deal.field.startTooEarly", {
            date: formatDate(dayAsInstant(earliest).toISOString(), locale),
            days: pricing.startDateGraceDays,
          })
        : undefined,
  };
  const hasPolicyErrors = Object.values(policyErrors).some(Boolean);

  const preview = useMemo(() => {
    if (hasFormatErrors || validPrice === null || validDown === null) return null;
    const problem = scheduleProblem({ price: validPrice, downPayment: validDown, months });
    if (problem) return { problem, rows: [] };
    return {
      problem: null,
      rows: installmentSchedule({
        price: validPrice,
        downPayment: validDown,
        months,
        start: dayAsInstant(terms.start),
      }),
    };
  }, [hasFormatErrors, validPrice, validDown, months, terms.start]);

  const canSubmit = preview !== null && preview.problem === null && !hasPolicyErrors;
  const serverErrors = isApiError(create.error, 400) ? termsErrors(t, create.error) : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || validPrice === null || validDown === null) return;
    create.mutate(
      {
        leadId: lead.id,
        downPayment: validDown,
        installmentMonths: months,
        startDate: dayAsInstant(terms.start).toISOString(),
        ...(validPrice !== flat.price ? { price: validPrice } : {}),
        ...(flat.currency === "USD" && rate ? { fixedUzsRate: rate } : {}),
      },
      { onSuccess: (deal) => void navigate(`/deals/${deal.id}`) },
    );
  };

  const presets = [
    ...new Set([pricing.minDownPaymentPct, ...DOWN_PRESETS].filter((percent) => percent > 0)),
  ]
    .filter((percent) => percent >= pricing.minDownPaymentPct)
    .sort((a, b) => a - b);

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
            <dd>{money(flat.price)}</dd>
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
          <AmountInput
            label={t("deal.field.price", { currency: flat.currency })}
            value={terms.price}
            onChange={set("price")}
            error={formatErrors.price ?? serverErrors.price}
            hint={
              pricing.maxDiscountPct === null
                ? t("deal.field.priceHint")
                : t("deal.field.priceHintLimit", {
                    limit: formatPercent(pricing.maxDiscountPct / 100, locale, 2),
                  })
            }
          />
          <AmountInput
            label={t("deal.field.downPayment", { currency: flat.currency })}
            value={terms.downPayment}
            onChange={set("downPayment")}
            error={formatErrors.downPayment ?? policyErrors.downPayment ?? serverErrors.downPayment}
            hint={
              minDown === null || policyErrors.downPayment
                ? undefined
                : t("deal.field.downPaymentHint", {
                    percent: formatNumber(pricing.minDownPaymentPct, locale),
                    amount: money(minDown),
                  })
            }
          />
          <TextField
            label={t("deal.field.months")}
            type="number"
            min={0}
            max={360}
            value={terms.months}
            onChange={set("months")}
            error={formatErrors.months ?? serverErrors.installmentMonths}
            hint={t("deal.field.monthsHint")}
          />
          <TextField
            label={t("deal.field.start")}
            type="date"
            min={earliest}
            value={terms.start}
            onChange={set("start")}
            error={formatErrors.start ?? policyErrors.start ?? serverErrors.startDate}
          />
          {flat.currency === "USD" ? (
            <AmountInput
              label={t("deal.field.rate")}
              value={terms.fixedUzsRate}
              onChange={set("fixedUzsRate")}
              error={formatErrors.fixedUzsRate ?? serverErrors.fixedUzsRate}
              hint={t("deal.field.rateHint")}
            />
          ) : null}
        </div>
        {validPrice !== null ? (
          <PriceSummary listPrice={flat.price} price={validPrice} currency={flat.currency} />
        ) : null}
        {validPrice !== null ? (
          <div className="deal-wizard__presets" role="group" aria-label={t("deal.downPresets")}>
            {presets.map((percent) => (
              <button
                key={percent}
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  setTerms((current) => ({
                    ...current,
                    downPayment: moneyInputValue(percentOf(validPrice, percent)),
                    months: percent === 100 ? "0" : current.months === "0" ? "12" : current.months,
                  }))
                }
              >
                {t("deal.downPreset", { percent: formatNumber(percent, locale) })}
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
        {preview && preview.rows.length > 0 && validPrice !== null ? (
          <SchedulePreview
            rows={preview.rows}
            months={months}
            total={validPrice}
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

/**
 * The price against the list, as it is typed: the discount in % and in money, and whether the
 * contract will wait for a head of sales (a discount above this user's limit).
 */
function PriceSummary({
  listPrice,
  price,
  currency,
}: {
  listPrice: number;
  price: number;
  currency: TCurrency;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const { pricing } = usePolicySettings();
  const discount = discountPct(listPrice, price);
  const difference = listPrice - price;
  const vars = {
    percent: formatPercent(Math.abs(discount) / 100, locale, 2),
    amount: formatMoney(Math.abs(difference), currency, locale),
  };
  return (
    <div className="deal-wizard__pricing" aria-live="polite">
      <p className="deal-wizard__discount">
        {difference > 0
          ? t("deal.discount.value", vars)
          : difference < 0
            ? t("deal.discount.above", vars)
            : t("deal.discount.none")}
      </p>
      {needsApproval(discount, pricing.maxDiscountPct) ? (
        <p className="alert alert--warning">
          {t("deal.discount.needsApproval", {
            limit: formatPercent((pricing.maxDiscountPct ?? 0) / 100, locale, 2),
          })}
        </p>
      ) : null}
    </div>
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
