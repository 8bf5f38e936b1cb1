import {
  buildPath,
  dealPolicy,
  dealRoutes,
  mayCall,
  ZApproveDealRequest,
  ZId,
  ZRejectDealRequest,
  ZReverseReceiptRequest,
} from "@crm/contracts";
import type { TDeal, TMe, TPayment, TReceipt } from "@crm/contracts";
import { useId, useState } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { NAV_ITEMS } from "../../app/navigation";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage, refusalMessage } from "../../lib/error-message";
import { schemaFieldError } from "../../lib/form-errors";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatPhone,
  telLink,
} from "../../lib/format";
import { ConfirmDialog, TextPromptDialog } from "../../ui/Dialog";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { dealStatusClass, isSignBlocked, paymentLabel } from "./deal-meta";
import {
  useApproveDeal,
  useCancelDeal,
  useDeal,
  useRejectDeal,
  useReverseReceipt,
  useSignDeal,
} from "./deals.queries";
import { RecordPaymentDialog, RecordReceiptDialog } from "./RecordPaymentDialog";
import "../finance/finance.css";
import "./deals.css";

/** `/deals/:id`: a sale contract with its terms, approval, status, schedule and receipts. */
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

/** Why the API refuses to sign, in the user's language. */
const SIGN_REFUSALS = {
  "The price is below the discount limit": "deal.sign.blocked.PENDING",
  "The contract's price was rejected": "deal.sign.blocked.REJECTED",
  "The lead no longer holds this flat": "deal.sign.noHold",
} as const satisfies Record<string, MessageKey>;

type DealDialog = "sign" | "cancel" | "approve" | "reject" | "receipt";

interface DealAction {
  dialog: DealDialog;
  label: string;
  tone: "primary" | "danger-outline";
  /** The id of the text saying why the action is not open yet. */
  blockedBy?: string;
}

function DealView({ deal }: { deal: TDeal }) {
  const t = useT();
  const user = useCurrentUser();
  useDocumentTitle(t("deal.title", { number: deal.number }));
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DealDialog | null>(null);
  const signReasonId = useId();
  const sign = useSignDeal(deal.id);
  const cancel = useCancelDeal(deal.id);
  const mayDecide =
    deal.status === "DRAFT" && deal.approval === "PENDING" && dealPolicy.canApprove(user);
  const maySign = deal.status === "DRAFT" && mayCall(dealRoutes.sign, user.role);
  const signBlocked = isSignBlocked(deal);
  const canCancel = deal.status !== "CANCELLED" && mayCall(dealRoutes.cancel, user.role);
  const pdfUrl = buildPath(dealRoutes.pdf.path, { id: deal.id });
  const actions: DealAction[] = [];
  if (mayDecide) {
    actions.push(
      { dialog: "approve", label: t("deal.approve"), tone: "primary" },
      { dialog: "reject", label: t("deal.reject"), tone: "danger-outline" },
    );
  }
  if (maySign) {
    actions.push({
      dialog: "sign",
      label: t("deal.sign"),
      tone: "primary",
      ...(signBlocked ? { blockedBy: signReasonId } : {}),
    });
  }
  if (canCancel)
    actions.push({ dialog: "cancel", label: t("deal.cancel"), tone: "danger-outline" });
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };

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
          {actions.map((action) => (
            <button
              key={action.dialog}
              type="button"
              className={`button button--${action.tone}`}
              disabled={action.blockedBy !== undefined}
              aria-describedby={action.blockedBy}
              onClick={() => setDialog(action.dialog)}
            >
              {action.label}
            </button>
          ))}
        </div>
        {maySign && signBlocked ? (
          <p id={signReasonId} className="muted deal-page__sign-reason">
            {deal.approval === "PENDING"
              ? t("deal.sign.blocked.PENDING")
              : t("deal.sign.blocked.REJECTED")}
          </p>
        ) : null}
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      <ApprovalBanner deal={deal} />

      <div className="deal-page__layout">
        <DealTerms deal={deal} user={user} />
        <Balance
          deal={deal}
          canReceive={deal.status !== "CANCELLED" && mayCall(dealRoutes.recordReceipt, user.role)}
          onReceive={() => setDialog("receipt")}
        />
      </div>
      <Schedule deal={deal} user={user} onDone={setNotice} />
      <Receipts deal={deal} user={user} onDone={setNotice} />

      {dialog === "sign" ? (
        <ConfirmDialog
          title={t("deal.sign.title")}
          body={t("deal.sign.body", { flat: deal.apartment.number, name: deal.buyer.fullName })}
          confirmLabel={t("deal.sign.confirm")}
          tone="primary"
          isBusy={sign.isPending}
          error={
            !sign.isError
              ? null
              : isApiError(sign.error, 409)
                ? refusalMessage(t, sign.error, SIGN_REFUSALS, "deal.sign.conflict")
                : errorMessage(t, sign.error)
          }
          onClose={() => setDialog(null)}
          onConfirm={() => sign.mutate(undefined, { onSuccess: () => done(t("deal.sign.done")) })}
        />
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
            cancel.mutate(undefined, { onSuccess: () => done(t("deal.cancel.done")) })
          }
        />
      ) : null}
      {dialog === "approve" || dialog === "reject" ? (
        <DecisionDialog
          deal={deal}
          decision={dialog}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      ) : null}
      {dialog === "receipt" ? (
        <RecordReceiptDialog deal={deal} onClose={() => setDialog(null)} onDone={done} />
      ) : null}
    </article>
  );
}

/** Where the price stands when it needed a decision: waiting, approved (by whom) or rejected. */
function ApprovalBanner({ deal }: { deal: TDeal }) {
  const t = useT();
  const { locale } = useLanguage();
  // A cancelled contract waits for nothing; a decision taken stays on record.
  if (deal.approval === "NOT_REQUIRED") return null;
  if (deal.approval === "PENDING" && deal.status !== "DRAFT") return null;
  const discount = formatPercent(deal.discountPct / 100, locale, 2);
  const who = deal.approvedBy ?? t("timeline.system");
  const when = deal.approvedAt ? formatDateTime(deal.approvedAt, locale) : "";
  if (deal.approval === "PENDING") {
    return (
      <div className="alert alert--warning deal-approval" role="status">
        <p>
          <strong>{t("deal.approval.PENDING")}</strong>{" "}
          {t("deal.approval.pendingBody", { discount })}
        </p>
      </div>
    );
  }
  const isApproved = deal.approval === "APPROVED";
  return (
    <div
      className={`alert ${isApproved ? "alert--success" : "alert--error"} deal-approval`}
      role="status"
    >
      <p>
        <strong>{t(`deal.approval.${deal.approval}`)}</strong>{" "}
        {t("deal.approval.decidedBy", { who, when, discount })}
      </p>
      {deal.approvalNote ? (
        <p className="deal-approval__note">
          {t("deal.approval.note", { note: deal.approvalNote })}
        </p>
      ) : null}
      {!isApproved && deal.status === "DRAFT" ? <p>{t("deal.approval.rejectedNext")}</p> : null}
    </div>
  );
}

/**
 * A head of sales settles a price below the author's limit: approving may carry a note,
 * rejecting must say why (checked with the API's own request schemas).
 */
function DecisionDialog({
  deal,
  decision,
  onClose,
  onDone,
}: {
  deal: TDeal;
  decision: "approve" | "reject";
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const approve = useApproveDeal(deal.id);
  const reject = useRejectDeal(deal.id);
  const mutation = decision === "approve" ? approve : reject;
  const schema = decision === "approve" ? ZApproveDealRequest : ZRejectDealRequest;
  const bodyOf = (note: string) => (note ? { note } : {});
  return (
    <TextPromptDialog
      title={t(`deal.${decision}.title`, { number: deal.number })}
      body={
        <p>
          {t("deal.decision.body", {
            price: formatMoney(deal.price, deal.currency, locale),
            listPrice: formatMoney(deal.listPrice, deal.currency, locale),
            discount: formatPercent(deal.discountPct / 100, locale, 2),
          })}
        </p>
      }
      label={t(`deal.${decision}.note`)}
      hint={t(`deal.${decision}.noteHint`)}
      isRequired={decision === "reject"}
      maxLength={500}
      validate={(note) => schemaFieldError(t, schema, bodyOf(note), "note")}
      confirmLabel={t(`deal.${decision}.confirm`)}
      tone={decision === "approve" ? "primary" : "danger"}
      isBusy={mutation.isPending}
      error={
        !mutation.isError
          ? null
          : isApiError(mutation.error, 409)
            ? t("deal.decision.conflict")
            : errorMessage(t, mutation.error)
      }
      onClose={onClose}
      onSubmit={(note) => {
        const onSuccess = () => onDone(t(`deal.${decision}.done`));
        if (decision === "approve") approve.mutate(bodyOf(note), { onSuccess });
        else reject.mutate({ note }, { onSuccess });
      }}
    />
  );
}

function DealTerms({ deal, user }: { deal: TDeal; user: TMe }) {
  const t = useT();
  const { locale } = useLanguage();
  const leadRoles: readonly string[] = NAV_ITEMS.leads.roles;
  const money = (minor: number) => formatMoney(minor, deal.currency, locale);
  const discount = deal.listPrice - deal.price;
  // The buyer as the contract names them: fixed at signing, the lead's current details before.
  const rows: [string, ReactNode][] = [
    [
      t("deal.field.buyer"),
      leadRoles.includes(user.role) ? (
        <Link to={`/leads/${deal.lead.id}`}>{deal.buyer.fullName}</Link>
      ) : (
        deal.buyer.fullName
      ),
    ],
    [
      t("deal.field.phone"),
      <a className="nowrap" href={telLink(deal.buyer.phone)}>
        {formatPhone(deal.buyer.phone)}
      </a>,
    ],
    [
      t("deal.field.flat"),
      <Link to={`/complexes/${deal.apartment.complexId}/grid?flat=${deal.apartment.id}`}>
        {t("flat.title", { number: deal.apartment.number })}
      </Link>,
    ],
    [t("deal.field.listPrice"), money(deal.listPrice)],
    [t("deal.field.priceTotal"), money(deal.price)],
    [
      discount >= 0 ? t("deal.field.discount") : t("deal.field.markup"),
      discount === 0
        ? t("deal.noDiscount")
        : t("deal.discountValue", {
            percent: formatPercent(Math.abs(deal.discountPct) / 100, locale, 2),
            amount: money(Math.abs(discount)),
          }),
    ],
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

function Balance({
  deal,
  canReceive,
  onReceive,
}: {
  deal: TDeal;
  canReceive: boolean;
  onReceive: () => void;
}) {
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
      {canReceive && deal.outstanding > 0 ? (
        <button
          type="button"
          className="button button--primary deal-balance__receive"
          onClick={onReceive}
        >
          {t("receipt.record")}
        </button>
      ) : null}
    </section>
  );
}

interface Column {
  label: string;
  isNumber?: boolean;
  /** Named for screen readers only (a column of buttons). */
  isHidden?: boolean;
}

/**
 * A titled panel with one of the contract's tables (its schedule, its receipts): rows on wide
 * screens, a card per row on phones; the empty text when there are none.
 */
function TablePanel({
  title,
  empty,
  tableClassName,
  columns,
  footer,
  children,
}: {
  title: string;
  empty: string | null;
  tableClassName: string;
  columns: Column[];
  footer: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="panel deal-page__table" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {empty !== null ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table className={`table table--cards ${tableClassName}`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th
                    key={column.label}
                    scope="col"
                    className={column.isNumber ? "cell--number" : undefined}
                  >
                    {column.isHidden ? (
                      <span className="visually-hidden">{column.label}</span>
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
      {footer}
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
    <TablePanel
      title={t("deal.schedule")}
      empty={deal.schedule.length === 0 ? t("deal.scheduleEmpty") : null}
      tableClassName="table--schedule"
      columns={[
        { label: t("payment.col.payment") },
        { label: t("payment.col.due") },
        { label: t("payment.col.amount"), isNumber: true },
        { label: t("payment.col.paid"), isNumber: true },
        { label: t("payment.col.remaining"), isNumber: true },
        { label: t("payment.col.status") },
        ...(canRecord ? [{ label: t("payment.col.actions"), isHidden: true }] : []),
      ]}
      footer={
        recording ? (
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
        ) : null
      }
    >
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
    </TablePanel>
  );
}

/** Money received, receipt by receipt; reversed ones stay on record with who and why. */
function Receipts({
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
  const [reversing, setReversing] = useState<TReceipt | null>(null);
  const canReverse = mayCall(dealRoutes.reverseReceipt, user.role);
  const money = (minor: number) => formatMoney(minor, deal.currency, locale);
  const labelOf = (receipt: TReceipt) => {
    const payment = deal.schedule.find((item) => item.id === receipt.paymentId);
    return payment ? paymentLabel(t, payment, deal.installmentMonths) : "—";
  };

  return (
    <TablePanel
      title={t("receipt.title")}
      empty={deal.receipts.length === 0 ? t("receipt.empty") : null}
      tableClassName="table--receipts"
      columns={[
        { label: t("receipt.col.number") },
        { label: t("receipt.col.date") },
        { label: t("receipt.col.payment") },
        { label: t("receipt.col.amount"), isNumber: true },
        { label: t("receipt.col.method") },
        { label: t("receipt.col.recordedBy") },
        { label: t("receipt.col.state") },
        ...(canReverse ? [{ label: t("payment.col.actions"), isHidden: true }] : []),
      ]}
      footer={
        reversing ? (
          <ReverseReceiptDialog
            receipt={reversing}
            label={labelOf(reversing)}
            currency={deal.currency}
            onClose={() => setReversing(null)}
            onDone={(message) => {
              setReversing(null);
              onDone(message);
            }}
          />
        ) : null
      }
    >
      {deal.receipts.map((receipt) => {
        const label = labelOf(receipt);
        return (
          <tr key={receipt.id} className={receipt.reversedAt ? "row--reversed" : undefined}>
            <td className="cell--title nowrap">{receipt.number}</td>
            <td className="nowrap" data-label={t("receipt.col.date")}>
              {formatDate(receipt.paidAt, locale)}
            </td>
            <td data-label={t("receipt.col.payment")}>{label}</td>
            <td className="cell--number nowrap" data-label={t("receipt.col.amount")}>
              <span className="receipt__amount">{money(receipt.amount)}</span>
            </td>
            <td data-label={t("receipt.col.method")}>{t(`payment.method.${receipt.method}`)}</td>
            <td data-label={t("receipt.col.recordedBy")}>{receipt.recordedBy ?? "—"}</td>
            <td data-label={t("receipt.col.state")}>
              {receipt.reversedAt ? (
                // One block, so a phone's card layout keeps the reason under the badge.
                <div>
                  <span className="payment-status payment-status--OVERDUE">
                    {t("receipt.reversed")}
                  </span>
                  <span className="receipt__reason">
                    {t("receipt.reversedOn", {
                      date: formatDate(receipt.reversedAt, locale),
                      reason: receipt.reversalReason ?? "—",
                    })}
                  </span>
                </div>
              ) : (
                <span className="payment-status payment-status--PAID">{t("receipt.valid")}</span>
              )}
            </td>
            {canReverse ? (
              <td>
                {receipt.reversedAt ? null : (
                  <button
                    type="button"
                    className="button button--danger-outline button--small"
                    aria-label={t("receipt.reverseFor", { number: receipt.number, label })}
                    onClick={() => setReversing(receipt)}
                  >
                    {t("receipt.reverse")}
                  </button>
                )}
              </td>
            ) : null}
          </tr>
        );
      })}
    </TablePanel>
  );
}

/** Reversing keeps the receipt on record and puts its amount back on the instalment. */
function ReverseReceiptDialog({
  receipt,
  label,
  currency,
  onClose,
  onDone,
}: {
  receipt: TReceipt;
  label: string;
  currency: TDeal["currency"];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const reverse = useReverseReceipt();
  const amount = formatMoney(receipt.amount, currency, locale);
  return (
    <TextPromptDialog
      title={t("receipt.reverse.title", { number: receipt.number })}
      body={<p>{t("receipt.reverse.body", { amount, label })}</p>}
      label={t("receipt.reverse.reason")}
      hint={t("receipt.reverse.reasonHint")}
      isRequired
      maxLength={500}
      validate={(reason) => schemaFieldError(t, ZReverseReceiptRequest, { reason }, "reason")}
      confirmLabel={t("receipt.reverse.confirm")}
      tone="danger"
      isBusy={reverse.isPending}
      error={
        !reverse.isError
          ? null
          : isApiError(reverse.error, 409)
            ? t("receipt.reverse.conflict")
            : errorMessage(t, reverse.error)
      }
      onClose={onClose}
      onSubmit={(reason) =>
        reverse.mutate(
          { receiptId: receipt.id, reason },
          { onSuccess: () => onDone(t("receipt.reverse.done", { amount, label })) },
        )
      }
    />
  );
}
