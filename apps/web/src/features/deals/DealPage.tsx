import { buildPath, dealRoutes, ZId, mayCall } from "@crm/contracts";
import type { TDeal, TMe, TPayment } from "@crm/contracts";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { NAV_ITEMS } from "../../app/navigation";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatPhone,
  telLink,
} from "../../lib/format";
import { ConfirmDialog, Dialog } from "../../ui/Dialog";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { dealStatusClass, paymentLabel } from "./deal-meta";
import { useCancelDeal, useDeal, useSignDeal } from "./deals.queries";
import { RecordPaymentDialog } from "./RecordPaymentDialog";
import "./deals.css";

/** `/deals/:id`: a sale contract with its terms, status, schedule and payments. */
export function DealPage() {
  const { id } = useParams();
  const dealId = ZId.safeParse(id);
  if (!dealId.success) return <DealNotFound />;
  return <DealLoader key={dealId.data} dealId={dealId.data} />;
}

function DealNotFound() {
  const t = useT();
  useDocumentTitle(t("deal.notFound.title"));
  return (
    <section className="page page--message" aria-labelledby="deal-missing-title">
      <h1 id="deal-missing-title">{t("deal.notFound.title")}</h1>
      <p>{t("deal.notFound.body")}</p>
      <Link className="button button--secondary" to="/dashboard">
        {t("app.goHome")}
      </Link>
    </section>
  );
}

function DealLoader({ dealId }: { dealId: number }) {
  const deal = useDeal(dealId);
  if (deal.isPending) return <Loading />;
  // A seller asking for another seller's contract gets 404 too.
  if (isApiError(deal.error, 404)) return <DealNotFound />;
  if (deal.isError) return <LoadError error={deal.error} onRetry={() => void deal.refetch()} />;
  return <DealView deal={deal.data} />;
}

function DealView({ deal }: { deal: TDeal }) {
  const t = useT();
  const user = useCurrentUser();
  useDocumentTitle(t("deal.title", { number: deal.number }));
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"sign" | "cancel" | null>(null);
  const sign = useSignDeal(deal.id);
  const cancel = useCancelDeal(deal.id);
  const canSign = deal.status === "DRAFT" && mayCall(dealRoutes.sign, user.role);
  const canCancel = deal.status !== "CANCELLED" && mayCall(dealRoutes.cancel, user.role);
  const pdfUrl = buildPath(dealRoutes.pdf.path, { id: deal.id });

  return (
    <article className="page deal-page" aria-labelledby="deal-title">
      <header className="page__header">
        <Link
          to={`/complexes/${deal.apartment.complexId}/grid?flat=${deal.apartment.id}`}
          className="back-link"
        >
          {t("deal.toFlat", { number: deal.apartment.number })}
        </Link>
        <div className="deal-page__heading">
          <h1 id="deal-title">{t("deal.title", { number: deal.number })}</h1>
          <span className={dealStatusClass(deal.status)}>{t(`deal.status.${deal.status}`)}</span>
        </div>
        <div className="quick-actions">
          <a className="button button--secondary" href={pdfUrl} target="_blank" rel="noopener">
            {t("deal.pdf")}
          </a>
          {canSign ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog("sign")}
            >
              {t("deal.sign")}
            </button>
          ) : null}
          {canCancel ? (
            <button
              type="button"
              className="button button--danger-outline"
              onClick={() => setDialog("cancel")}
            >
              {t("deal.cancel")}
            </button>
          ) : null}
        </div>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}

      <div className="deal-page__layout">
        <DealTerms deal={deal} user={user} />
        <Balance deal={deal} />
      </div>
      <Schedule deal={deal} user={user} onDone={setNotice} />

      {dialog === "sign" ? (
        <Dialog title={t("deal.sign.title")} onClose={() => setDialog(null)}>
          <p>{t("deal.sign.body", { flat: deal.apartment.number, name: deal.lead.fullName })}</p>
          {sign.isError ? (
            <p className="alert alert--error" role="alert">
              {isApiError(sign.error, 409) ? t("deal.sign.conflict") : errorMessage(t, sign.error)}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDialog(null)}
            >
              {t("app.cancel")}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={sign.isPending}
              onClick={() =>
                sign.mutate(undefined, {
                  onSuccess: () => {
                    setDialog(null);
                    setNotice(t("deal.sign.done"));
                  },
                })
              }
            >
              {t("deal.sign.confirm")}
            </button>
          </div>
        </Dialog>
      ) : null}
      {dialog === "cancel" ? (
        <ConfirmDialog
          title={t("deal.cancel.title")}
          body={t("deal.cancel.body")}
          confirmLabel={t("deal.cancel.confirm")}
          isBusy={cancel.isPending}
          error={cancel.isError ? errorMessage(t, cancel.error) : null}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            cancel.mutate(undefined, {
              onSuccess: () => {
                setDialog(null);
                setNotice(t("deal.cancel.done"));
              },
            })
          }
        />
      ) : null}
    </article>
  );
}

function DealTerms({ deal, user }: { deal: TDeal; user: TMe }) {
  const t = useT();
  const { locale } = useLanguage();
  const leadRoles: readonly string[] = NAV_ITEMS.leads.roles;
  const money = (minor: number) => formatMoney(minor, deal.currency, locale);
  const rows: [string, ReactNode][] = [
    [
      t("deal.field.client"),
      leadRoles.includes(user.role) ? (
        <Link to={`/leads/${deal.lead.id}`}>{deal.lead.fullName}</Link>
      ) : (
        deal.lead.fullName
      ),
    ],
    [
      t("deal.field.phone"),
      <a className="nowrap" href={telLink(deal.lead.phone)}>
        {formatPhone(deal.lead.phone)}
      </a>,
    ],
    [
      t("deal.field.flat"),
      <Link to={`/complexes/${deal.apartment.complexId}/grid?flat=${deal.apartment.id}`}>
        {t("flat.title", { number: deal.apartment.number })}
      </Link>,
    ],
    [t("deal.field.priceTotal"), money(deal.price)],
    [t("deal.field.downPaymentTotal"), money(deal.downPayment)],
    [
      t("deal.field.months"),
      deal.installmentMonths === 0 ? t("deal.noInstallments") : deal.installmentMonths,
    ],
  ];
  if (deal.fixedUzsRate !== null) {
    rows.push([t("deal.field.rate"), formatMoney(deal.fixedUzsRate, "UZS", locale)]);
  }
  rows.push([t("deal.field.createdAt"), formatDateTime(deal.createdAt, locale)]);
  if (deal.signedAt) rows.push([t("deal.field.signedAt"), formatDateTime(deal.signedAt, locale)]);
  if (deal.cancelledAt) {
    rows.push([t("deal.field.cancelledAt"), formatDateTime(deal.cancelledAt, locale)]);
  }
  return (
    <section className="panel" aria-labelledby="deal-terms-title">
      <h2 id="deal-terms-title">{t("deal.terms")}</h2>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label} className="details__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Balance({ deal }: { deal: TDeal }) {
  const t = useT();
  const { locale } = useLanguage();
  const total = deal.paid + deal.outstanding;
  const share = total > 0 ? deal.paid / total : 0;
  return (
    <section className="panel" aria-labelledby="deal-balance-title">
      <h2 id="deal-balance-title">{t("deal.balance")}</h2>
      <dl className="deal-balance">
        <div>
          <dt>{t("deal.paid")}</dt>
          <dd className="deal-balance__paid">{formatMoney(deal.paid, deal.currency, locale)}</dd>
        </div>
        <div>
          <dt>{t("deal.outstanding")}</dt>
          <dd>{formatMoney(deal.outstanding, deal.currency, locale)}</dd>
        </div>
      </dl>
      <div
        className="progress"
        role="progressbar"
        aria-label={t("deal.paidShare")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        aria-valuetext={formatPercent(share, locale)}
      >
        <span className="progress__fill" style={{ width: `${share * 100}%` }} />
      </div>
    </section>
  );
}

type RowState = "PAID" | "PARTIAL" | "OVERDUE" | "SCHEDULED";

/** The API marks OVERDUE periodically; the page knows the date already. */
function rowState(payment: TPayment, now: number): RowState {
  const remaining = payment.amount - payment.paidAmount;
  if (remaining <= 0) return "PAID";
  if (new Date(payment.dueDate).getTime() < now) return "OVERDUE";
  return payment.paidAmount > 0 ? "PARTIAL" : "SCHEDULED";
}

function Schedule({
  deal,
  user,
  onDone,
}: {
  deal: TDeal;
  user: TMe;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const [recording, setRecording] = useState<TPayment | null>(null);
  const canRecord = deal.status !== "CANCELLED" && mayCall(dealRoutes.recordPayment, user.role);
  const money = (minor: number) => formatMoney(minor, deal.currency, locale);
  const [now] = useState(() => Date.now());

  return (
    <section className="panel deal-page__schedule" aria-labelledby="deal-schedule-title">
      <h2 id="deal-schedule-title">{t("deal.schedule")}</h2>
      {deal.schedule.length === 0 ? (
        <p className="muted">{t("deal.scheduleEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--schedule">
            <caption className="visually-hidden">{t("deal.schedule")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("payment.col.payment")}</th>
                <th scope="col">{t("payment.col.due")}</th>
                <th scope="col" className="cell--number">
                  {t("payment.col.amount")}
                </th>
                <th scope="col" className="cell--number">
                  {t("payment.col.paid")}
                </th>
                <th scope="col" className="cell--number">
                  {t("payment.col.remaining")}
                </th>
                <th scope="col">{t("payment.col.status")}</th>
                {canRecord ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("payment.col.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {deal.schedule.map((payment) => {
                const label = paymentLabel(t, payment, deal.installmentMonths);
                const state = rowState(payment, now);
                const remaining = payment.amount - payment.paidAmount;
                return (
                  <tr key={payment.id}>
                    <th scope="row" className="cell--title">
                      {label}
                    </th>
                    <td className="nowrap" data-label={t("payment.col.due")}>
                      {formatDate(payment.dueDate, locale)}
                    </td>
                    <td className="cell--number nowrap" data-label={t("payment.col.amount")}>
                      {money(payment.amount)}
                    </td>
                    <td className="cell--number nowrap" data-label={t("payment.col.paid")}>
                      {payment.paidAmount > 0 ? money(payment.paidAmount) : "—"}
                    </td>
                    <td className="cell--number nowrap" data-label={t("payment.col.remaining")}>
                      {remaining > 0 ? money(remaining) : "—"}
                    </td>
                    <td data-label={t("payment.col.status")}>
                      <span className={`payment-status payment-status--${state}`}>
                        {t(`payment.state.${state}`)}
                      </span>
                      {state === "OVERDUE" && payment.paidAmount > 0 ? (
                        <span className="payment-status payment-status--PARTIAL">
                          {t("payment.state.PARTIAL")}
                        </span>
                      ) : null}
                    </td>
                    {canRecord ? (
                      <td>
                        {remaining > 0 ? (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-label={t("payment.recordFor", { label })}
                            onClick={() => setRecording(payment)}
                          >
                            {t("payment.record")}
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {recording ? (
        <RecordPaymentDialog
          dealId={deal.id}
          payment={recording}
          label={paymentLabel(t, recording, deal.installmentMonths)}
          currency={deal.currency}
          onClose={() => setRecording(null)}
          onDone={(message) => {
            setRecording(null);
            onDone(message);
          }}
        />
      ) : null}
    </section>
  );
}
