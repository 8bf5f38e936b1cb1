import { dealPolicy, holdPolicy, inventoryRoutes, leadPolicy, mayCall } from "@crm/contracts";
import type { TMe, ZFlatDetail } from "@crm/contracts";
import type { z } from "zod";
import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { NAV_ITEMS } from "../../app/navigation";
import { useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatMoney, moneyInputValue, parseMoneyInput } from "../../lib/format";
import { ConfirmDialog } from "../../ui/Dialog";
import { Drawer } from "../../ui/Drawer";
import { TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { useLeadDeal } from "../deals/deals.queries";
import { usePolicySettings } from "../../app/policy";
import {
  useBookFlat,
  useLeaveBookingQueue,
  useJoinBookingQueue,
  useFlat,
  useProlongHold,
  useReleaseHold,
  useUpdateFlatPrice,
} from "./inventory.queries";
import { holdErrorMessage } from "./hold-errors";
import { LeadPicker } from "./LeadPicker";

type FlatDetail = z.infer<typeof ZFlatDetail>;

/** The flat opened from the шахматка: details, price history and the actions the user may take. */
export function FlatDrawer({ flatId, onClose }: { flatId: number; onClose: () => void }) {
  const t = useT();
  const flat = useFlat(flatId);
  const title = flat.data ? t("flat.title", { number: flat.data.number }) : t("flat.heading");
  return (
    <Drawer title={title} onClose={onClose}>
      {flat.isPending ? (
        <Loading />
      ) : isApiError(flat.error, 404) ? (
        <p className="alert alert--error" role="alert">
          {t("flat.notFound")}
        </p>
      ) : flat.isError ? (
        <LoadError error={flat.error} onRetry={() => void flat.refetch()} />
      ) : (
        <FlatPanel flat={flat.data} />
      )}
    </Drawer>
  );
}

function FlatPanel({ flat }: { flat: FlatDetail }) {
  const t = useT();
  const user = useCurrentUser();
  const [notice, setNotice] = useState<string | null>(null);
  // Kept here, not in the booking form: a refused booking refreshes the flat, which is then no
  // longer free, and the form that failed is gone.
  const [failure, setFailure] = useState<string | null>(null);
  const managesHold = holdPolicy.canManage(user, flat);
  const onDone = (message: string) => {
    setFailure(null);
    setNotice(message);
  };

  return (
    <>
      <p className="flat-drawer__status">
        <span className={`flat-status flat-status--${flat.status}`}>
          {t(`flat.status.${flat.status}`)}
        </span>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure}
        </p>
      ) : null}
      <FlatFacts flat={flat} user={user} />
      <FlatDealLink flat={flat} user={user} />

      {flat.status === "FREE" && holdPolicy.canBook(user) ? (
        <BookPanel
          flatId={flat.id}
          onDone={onDone}
          onFail={(message) => {
            setNotice(null);
            setFailure(message);
          }}
        />
      ) : null}
      {managesHold ? <HoldPanel flat={flat} user={user} onDone={onDone} /> : null}
      {flat.status === "BOOKED" && holdPolicy.canBook(user) ? (
        <QueuePanel flat={flat} onDone={onDone} />
      ) : null}
      {mayCall(inventoryRoutes.updateFlat, user.role) && flat.status !== "SOLD" ? (
        <PricePanel flat={flat} onDone={onDone} />
      ) : null}
      <PriceHistory flat={flat} />
    </>
  );
}

/** May the user open this lead's card? (sellers: their own; FINANCIER has no leads pages) */
function canOpenLead(user: TMe, ownerId: number | null): boolean {
  const roles: readonly string[] = NAV_ITEMS.leads.roles;
  return roles.includes(user.role) && leadPolicy.canSee(user, { ownerId });
}

/** A sold or booked flat's lead the user may see (sellers: their own leads only). */
function visibleLeadId(user: TMe, flat: FlatDetail): number | null {
  const lead = flat.bookedLead;
  if ((flat.status !== "SOLD" && flat.status !== "BOOKED") || !lead) return null;
  return leadPolicy.canSee(user, lead) ? lead.id : null;
}

/** The contract drawn up for the flat's lead, when there is one. */
function FlatDealLink({ flat, user }: { flat: FlatDetail; user: TMe }) {
  const t = useT();
  const deal = useLeadDeal(visibleLeadId(user, flat), user.role);
  if (!deal) return null;
  return (
    <p className="flat-drawer__deal">
      <Link to={`/deals/${deal.id}`}>{t("deal.link", { number: deal.number })}</Link>
    </p>
  );
}

function FlatFacts({ flat, user }: { flat: FlatDetail; user: TMe }) {
  const t = useT();
  const { locale } = useLanguage();
  const area = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(flat.area);
  const rows: [string, ReactNode][] = [
    [t("flat.block"), flat.block],
    ...(flat.section ? [[t("flat.section"), flat.section] as [string, ReactNode]] : []),
    [t("flat.floor"), flat.floor],
    [t("flat.roomsLabel"), flat.rooms === 0 ? t("flat.studio") : flat.rooms],
    [t("flat.area"), t("flat.areaValue", { area })],
    [t("flat.price"), formatMoney(flat.price, flat.currency, locale)],
    [t("flat.perM2"), formatMoney(flat.pricePerM2, flat.currency, locale)],
  ];
  if (flat.status === "BOOKED" && flat.bookedLead) {
    const lead = flat.bookedLead;
    const isVisible = holdPolicy.seesHolder(user, lead);
    rows.push([
      t("flat.bookedFor"),
      !isVisible ? (
        <span className="muted">{t("flat.bookedByOther")}</span>
      ) : canOpenLead(user, lead.ownerId) ? (
        <Link to={`/leads/${lead.id}`}>{lead.fullName}</Link>
      ) : (
        lead.fullName
      ),
    ]);
  }
  if (flat.status === "BOOKED" && flat.bookedUntil) {
    rows.push([t("flat.bookedUntil"), formatDateTime(flat.bookedUntil, locale)]);
  }
  return (
    <section className="panel" aria-labelledby="flat-facts-title">
      <h3 id="flat-facts-title" className="visually-hidden">
        {t("flat.details")}
      </h3>
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

function parseDays(text: string, maxDays: number): number | null {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= maxDays ? days : null;
}

function BookPanel({
  flatId,
  onDone,
  onFail,
}: {
  flatId: number;
  onDone: (message: string) => void;
  onFail: (message: string) => void;
}) {
  const t = useT();
  const book = useBookFlat(flatId);
  const { booking } = usePolicySettings();
  const [leadId, setLeadId] = useState<number | null>(null);
  const [days, setDays] = useState(String(booking.defaultDays));
  const [errors, setErrors] = useState<{ leadId?: string; days?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsedDays = parseDays(days, booking.maxDays);
    const next = {
      leadId: leadId === null ? t("leadPicker.required") : undefined,
      days: parsedDays === null ? t("flat.days.invalid", { max: booking.maxDays }) : undefined,
    };
    setErrors(next);
    if (leadId === null || parsedDays === null) return;
    book.mutate(
      { leadId, days: parsedDays },
      {
        onSuccess: () => onDone(t("flat.book.done", { days: parsedDays })),
        onError: (error) => {
          if (isApiError(error, 400)) return; // shown beside the fields below
          onFail(holdErrorMessage(t, error, "flat.book.conflict"));
        },
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="flat-book-title">
      <h3 id="flat-book-title">{t("flat.book.title")}</h3>
      <form className="form" onSubmit={onSubmit} noValidate>
        <LeadPicker value={leadId} onChange={setLeadId} error={errors.leadId} />
        <TextField
          label={t("flat.days")}
          type="number"
          min={1}
          max={booking.maxDays}
          value={days}
          error={errors.days}
          hint={t("flat.days.hint", { max: booking.maxDays })}
          onChange={(event) => setDays(event.target.value)}
        />
        {isApiError(book.error, 400) ? (
          <p className="alert alert--error" role="alert">
            {holdErrorMessage(t, book.error, "flat.book.conflict")}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={book.isPending}>
            {book.isPending ? t("flat.book.submitting") : t("flat.book.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

function HoldPanel({
  flat,
  user,
  onDone,
}: {
  flat: FlatDetail;
  user: TMe;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const prolong = useProlongHold(flat.id);
  const { booking } = usePolicySettings();
  const release = useReleaseHold(flat.id);
  const [days, setDays] = useState("1");
  const [daysError, setDaysError] = useState<string | undefined>();
  const [isReleasing, setReleasing] = useState(false);
  const leadId = flat.bookedLead?.id;
  // Once the lead has a contract, the link to it (above) replaces "make a contract".
  const deal = useLeadDeal(leadId ?? null, user.role);

  const onProlong = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDays(days, booking.maxDays);
    setDaysError(parsed === null ? t("flat.days.invalid", { max: booking.maxDays }) : undefined);
    if (parsed === null) return;
    prolong.mutate(parsed, { onSuccess: () => onDone(t("flat.prolong.done")) });
  };

  return (
    <section className="panel" aria-labelledby="flat-hold-title">
      <h3 id="flat-hold-title">{t("flat.hold.title")}</h3>
      {dealPolicy.canDraft(user, flat) && leadId !== undefined && !deal ? (
        <p>
          <Link className="button button--primary" to={`/deals/new?leadId=${leadId}`}>
            {t("flat.makeDeal")}
          </Link>
        </p>
      ) : null}
      <form className="form form--inline" onSubmit={onProlong} noValidate>
        <TextField
          label={t("flat.prolong.days")}
          type="number"
          min={1}
          max={booking.maxDays}
          value={days}
          error={daysError}
          onChange={(event) => setDays(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={prolong.isPending}>
            {t("flat.prolong.submit")}
          </button>
        </div>
      </form>
      {prolong.isError ? (
        <p className="alert alert--error" role="alert">
          {holdErrorMessage(t, prolong.error, "flat.prolong.conflict")}
        </p>
      ) : null}
      <div className="form__actions flat-drawer__release">
        <button
          type="button"
          className="button button--danger-outline"
          onClick={() => setReleasing(true)}
        >
          {t("flat.release")}
        </button>
      </div>
      {isReleasing ? (
        <ConfirmDialog
          title={t("flat.release.title")}
          body={t("flat.release.body", { name: flat.bookedLead?.fullName ?? "" })}
          confirmLabel={t("flat.release.confirm")}
          isBusy={release.isPending}
          error={release.isError ? holdErrorMessage(t, release.error, "app.error.conflict") : null}
          onClose={() => setReleasing(false)}
          onConfirm={() =>
            release.mutate(undefined, {
              onSuccess: () => {
                setReleasing(false);
                onDone(t("flat.release.done"));
              },
            })
          }
        />
      ) : null}
    </section>
  );
}

/** Leads waiting for a booked flat; the first in line gets it when the hold ends. */
function QueuePanel({ flat, onDone }: { flat: FlatDetail; onDone: (message: string) => void }) {
  const t = useT();
  const { locale } = useLanguage();
  const joinQueue = useJoinBookingQueue(flat.id);
  const leaveQueue = useLeaveBookingQueue(flat.id);
  const [isAdding, setAdding] = useState(false);
  const [leadId, setLeadId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(leadId === null ? t("leadPicker.required") : undefined);
    if (leadId === null) return;
    joinQueue.mutate(leadId, {
      onSuccess: () => {
        setAdding(false);
        setLeadId(null);
        onDone(t("flat.queue.added"));
      },
    });
  };

  return (
    <section className="panel" aria-labelledby="flat-queue-title">
      <h3 id="flat-queue-title">{t("flat.queue.title")}</h3>
      {flat.queue.length === 0 ? (
        <p className="muted">{t("flat.queue.empty")}</p>
      ) : (
        <ol className="flat-queue">
          {flat.queue.map((entry) => (
            <li key={entry.leadId} className="flat-queue__item">
              <span>
                {entry.fullName ?? <span className="muted">{t("flat.queue.hidden")}</span>}
                <span className="muted">
                  {" "}
                  · {t("flat.queue.since", { date: formatDateTime(entry.since, locale) })}
                </span>
              </span>
              {entry.fullName !== null ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={leaveQueue.isPending}
                  aria-label={t("flat.queue.removeLabel", { name: entry.fullName })}
                  onClick={() => leaveQueue.mutate(entry.leadId)}
                >
                  {t("flat.queue.remove")}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {leaveQueue.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, leaveQueue.error)}
        </p>
      ) : null}
      {isAdding ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <LeadPicker value={leadId} onChange={setLeadId} error={error} />
          {joinQueue.isError ? (
            <p className="alert alert--error" role="alert">
              {isApiError(joinQueue.error, 409)
                ? t("flat.queue.conflict")
                : errorMessage(t, joinQueue.error)}
            </p>
          ) : null}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={joinQueue.isPending}>
              {t("flat.queue.submit")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAdding(false)}
            >
              {t("app.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
          {t("flat.queue.add")}
        </button>
      )}
    </section>
  );
}

function PricePanel({ flat, onDone }: { flat: FlatDetail; onDone: (message: string) => void }) {
  const t = useT();
  const update = useUpdateFlatPrice(flat.id);
  const [text, setText] = useState(moneyInputValue(flat.price));
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const price = parseMoneyInput(text);
    const isValid = price !== null && Number.isSafeInteger(price) && price > 0;
    setError(isValid ? undefined : t("validation.money"));
    if (!isValid || price === flat.price) return;
    update.mutate(price, { onSuccess: () => onDone(t("flat.price.done")) });
  };
  return (
    <section className="panel" aria-labelledby="flat-price-title">
      <h3 id="flat-price-title">{t("flat.price.title")}</h3>
      <form className="form form--inline" onSubmit={onSubmit} noValidate>
        <AmountInput
          label={t("flat.price.new", { currency: flat.currency })}
          value={text}
          error={error}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={update.isPending}>
            {t("flat.price.submit")}
          </button>
        </div>
      </form>
      {update.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, update.error)}
        </p>
      ) : null}
    </section>
  );
}

function PriceHistory({ flat }: { flat: FlatDetail }) {
  const t = useT();
  const { locale } = useLanguage();
  return (
    <section className="panel" aria-labelledby="flat-history-title">
      <h3 id="flat-history-title">{t("flat.history.title")}</h3>
      {flat.priceHistory.length === 0 ? (
        <p className="muted">{t("flat.history.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("flat.history.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("flat.history.date")}</th>
                <th scope="col">{t("flat.history.price")}</th>
                <th scope="col">{t("flat.history.by")}</th>
              </tr>
            </thead>
            <tbody>
              {flat.priceHistory.map((entry) => (
                <tr key={entry.changedAt}>
                  <td className="nowrap">{formatDateTime(entry.changedAt, locale)}</td>
                  <td className="nowrap">{formatMoney(entry.price, entry.currency, locale)}</td>
                  <td>{entry.changedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
