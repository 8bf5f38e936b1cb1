import { attendanceRoutes } from "@crm/contracts";
import type { TAttendanceEntry, TTimesheet } from "@crm/contracts";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { fromDateTimeLocal, toDateTimeLocal } from "../../lib/dates";
import { errorMessage } from "../../lib/error-message";
import { formatDate, formatNumber } from "../../lib/format";
import { Dialog, DialogFooter } from "../../ui/Dialog";
import { TextAreaField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { currentMonth, isMonth } from "../expenses/periods";
import "../expenses/expenses.css";
import { ExportControl } from "../exports/ExportControl";
import {
  useAttendanceToday,
  useCheckIn,
  useCheckOut,
  useCorrectEntry,
  useCreateEntry,
  useTimesheet,
} from "./attendance.queries";

const MANAGERS: readonly string[] = attendanceRoutes.timesheet.access;

const clock = (iso: string, locale: string) =>
  new Date(iso).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });

/** `/attendance`: everyone checks in and out; MOP and admins see the month's timesheet. */
export function AttendancePage() {
  const t = useT();
  useDocumentTitle(t("attendance.title"));
  const user = useCurrentUser();
  return (
    <section className="page" aria-labelledby="attendance-title">
      <header className="page__header">
        <h1 id="attendance-title">{t("attendance.title")}</h1>
      </header>
      <div className="backoffice-grid">
        <CheckInWidget />
        {MANAGERS.includes(user.role) ? <Timesheet /> : null}
      </div>
    </section>
  );
}

export function CheckInWidget() {
  const t = useT();
  const { locale } = useLanguage();
  const today = useAttendanceToday();
  const checkIn = useCheckIn();
  const checkOut = useCheckOut();
  const error = checkIn.error ?? checkOut.error;
  if (today.isPending) return <Loading />;
  if (today.isError) return <LoadError error={today.error} onRetry={() => void today.refetch()} />;
  const { entry } = today.data;
  return (
    <section className="panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">
        {t("attendance.today", { day: formatDate(`${today.data.day}T12:00:00`, locale) })}
      </h2>
      <p className="muted">
        {t("attendance.hours", {
          start: today.data.workStart,
          end: today.data.workEnd,
          close: today.data.autoCheckoutAt,
        })}
      </p>
      <div className="checkin">
        <div className="checkin__status" role="status">
          {entry ? (
            <>
              <span>
                {t("attendance.cameAt", { time: clock(entry.checkIn, locale) })}{" "}
                {entry.lateMinutes > 0 ? (
                  <span className="badge badge--warn">
                    {t("attendance.late", { minutes: entry.lateMinutes })}
                  </span>
                ) : null}
              </span>
              {entry.checkOut ? (
                <span>{t("attendance.leftAt", { time: clock(entry.checkOut, locale) })}</span>
              ) : null}
              {entry.checkOut ? <span className="muted">{t("attendance.done")}</span> : null}
            </>
          ) : (
            <span>{t("attendance.notYet")}</span>
          )}
        </div>
        <div className="checkin__actions">
          {!entry ? (
            <button
              type="button"
              className="button button--primary"
              disabled={checkIn.isPending}
              onClick={() => checkIn.mutate(undefined)}
            >
              {t("attendance.checkIn")}
            </button>
          ) : !entry.checkOut ? (
            <button
              type="button"
              className="button button--primary"
              disabled={checkOut.isPending}
              onClick={() => checkOut.mutate(undefined)}
            >
              {t("attendance.checkOut")}
            </button>
          ) : null}
        </div>
      </div>
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
    </section>
  );
}

/** What the entry dialog is for: correcting an entry, or entering a day that has none. */
type Editing =
  | { kind: "correct"; entry: TAttendanceEntry }
  | { kind: "add"; userId: number; name: string; day: string };

const hours = (minutes: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60);

function Timesheet() {
  const t = useT();
  const { locale } = useLanguage();
  const [params, setParams] = useSearchParams();
  const month = isMonth(params.get("month")) ? params.get("month")! : currentMonth();
  const sheet = useTimesheet(month, true);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  return (
    <section className="panel" aria-labelledby="timesheet-title">
      <h2 id="timesheet-title">{t("attendance.timesheet")}</h2>
      <div className="inline-form">
        <TextField
          label={t("attendance.month")}
          type="month"
          value={month}
          onChange={(event) =>
            isMonth(event.target.value) &&
            setParams({ month: event.target.value }, { replace: true })
          }
        />
        <a
          className="button button--secondary"
          href={`/api/attendance/timesheet.csv?month=${month}`}
          download
        >
          {t("attendance.export")}
        </a>
        <ExportControl request={{ kind: "attendance", params: { month } }} />
      </div>
      {sheet.isPending ? (
        <Loading />
      ) : sheet.isError ? (
        <LoadError error={sheet.error} onRetry={() => void sheet.refetch()} />
      ) : sheet.data.people.length === 0 ? (
        <p className="empty-state">{t("attendance.empty")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="timesheet-title" tabIndex={0}>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t("attendance.col.person")}</th>
                <th scope="col" className="cell--number">
                  {t("attendance.col.days")}
                </th>
                <th scope="col" className="cell--number">
                  {t("attendance.col.hours")}
                </th>
                <th scope="col" className="cell--number">
                  {t("attendance.col.late")}
                </th>
                <th scope="col" className="cell--number">
                  {t("attendance.col.autoClosed")}
                </th>
                <th scope="col" className="cell--number">
                  {t("attendance.col.missing")}
                </th>
              </tr>
            </thead>
            <tbody>
              {sheet.data.people.map((person) => (
                <tr key={person.user.id}>
                  <td className="cell--title">
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open === person.user.id}
                      onClick={() => setOpen(open === person.user.id ? null : person.user.id)}
                    >
                      {person.user.name}
                    </button>
                  </td>
                  <td className="cell--number" data-label={t("attendance.col.days")}>
                    {formatNumber(person.days, locale)}
                  </td>
                  <td className="cell--number" data-label={t("attendance.col.hours")}>
                    {hours(person.minutes, locale)}
                  </td>
                  <td className="cell--number" data-label={t("attendance.col.late")}>
                    {formatNumber(person.lateDays, locale)}
                  </td>
                  <td className="cell--number" data-label={t("attendance.col.autoClosed")}>
                    {formatNumber(person.autoClosedDays, locale)}
                  </td>
                  <td className="cell--number" data-label={t("attendance.col.missing")}>
                    {formatNumber(person.missingDays.length, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && sheet.data ? (
        <PersonDays sheet={sheet.data} userId={open} onEdit={setEditing} />
      ) : null}
      {editing ? <EntryDialog editing={editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function PersonDays({
  sheet,
  userId,
  onEdit,
}: {
  sheet: TTimesheet;
  userId: number;
  onEdit: (editing: Editing) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const person = sheet.people.find((row) => row.user.id === userId);
  if (!person) return null;
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label={t("attendance.details", { name: person.user.name })}
      tabIndex={0}
    >
      <h3>{t("attendance.details", { name: person.user.name })}</h3>
      <table className="table table--cards">
        <thead>
          <tr>
            <th scope="col">{t("attendance.col.day")}</th>
            <th scope="col">{t("attendance.col.in")}</th>
            <th scope="col">{t("attendance.col.out")}</th>
            <th scope="col">{t("attendance.col.flags")}</th>
            <th scope="col">{t("expenses.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {person.entries.map((entry) => (
            <tr key={entry.id}>
              <td className="cell--title nowrap">{formatDate(`${entry.day}T12:00:00`, locale)}</td>
              <td data-label={t("attendance.col.in")}>{clock(entry.checkIn, locale)}</td>
              <td data-label={t("attendance.col.out")}>
                {entry.checkOut ? clock(entry.checkOut, locale) : "—"}
              </td>
              <td data-label={t("attendance.col.flags")}>
                <span className="inline-actions">
                  {entry.lateMinutes > 0 ? (
                    <span className="badge badge--warn">
                      {t("attendance.late", { minutes: entry.lateMinutes })}
                    </span>
                  ) : null}
                  {entry.autoClosed ? (
                    <span className="badge badge--danger">{t("attendance.autoClosed")}</span>
                  ) : null}
                  {entry.correctionReason ? (
                    <span className="badge badge--muted">
                      {t("attendance.corrected", { reason: entry.correctionReason })}
                    </span>
                  ) : null}
                </span>
              </td>
              <td data-label={t("expenses.col.actions")}>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onEdit({ kind: "correct", entry })}
                >
                  {t("attendance.correct")}
                </button>
              </td>
            </tr>
          ))}
          {person.missingDays.map((day) => (
            <tr key={day} className="row--voided">
              <td className="cell--title nowrap">{formatDate(`${day}T12:00:00`, locale)}</td>
              <td data-label={t("attendance.col.flags")} colSpan={3}>
                {t("attendance.col.missing")}
              </td>
              <td data-label={t("expenses.col.actions")}>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={t("attendance.add.for", {
                    day: formatDate(`${day}T12:00:00`, locale),
                  })}
                  onClick={() =>
                    onEdit({ kind: "add", userId: person.user.id, name: person.user.name, day })
                  }
                >
                  {t("attendance.add")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryDialog({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const t = useT();
  const { locale } = useLanguage();
  const today = useAttendanceToday();
  const correct = useCorrectEntry();
  const create = useCreateEntry();
  const mutation = editing.kind === "correct" ? correct : create;
  const entry = editing.kind === "correct" ? editing.entry : null;
  const at = (clockTime: string | undefined, fallback: string) =>
    editing.kind === "add" ? `${editing.day}T${clockTime ?? fallback}` : "";
  const [checkIn, setCheckIn] = useState(
    entry ? toDateTimeLocal(entry.checkIn) : at(today.data?.workStart, "09:00"),
  );
  const [checkOut, setCheckOut] = useState(
    entry
      ? entry.checkOut
        ? toDateTimeLocal(entry.checkOut)
        : ""
      : at(today.data?.workEnd, "18:00"),
  );
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const title =
    editing.kind === "correct"
      ? t("attendance.correct.title", { day: editing.entry.day })
      : t("attendance.add.title", {
          name: editing.name,
          day: formatDate(`${editing.day}T12:00:00`, locale),
        });
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() === "") return setProblem(t("attendance.correct.required"));
          setProblem(undefined);
          const times = {
            checkIn: fromDateTimeLocal(checkIn) ?? undefined,
            checkOut: checkOut === "" ? null : (fromDateTimeLocal(checkOut) ?? undefined),
            reason: reason.trim(),
          };
          if (editing.kind === "correct")
            correct.mutate({ id: editing.entry.id, body: times }, { onSuccess: onClose });
          else
            create.mutate(
              { ...times, checkIn: times.checkIn ?? "", userId: editing.userId, day: editing.day },
              { onSuccess: onClose },
            );
        }}
      >
        <TextField
          label={t("attendance.correct.in")}
          type="datetime-local"
          value={checkIn}
          onChange={(event) => setCheckIn(event.target.value)}
        />
        <TextField
          label={t("attendance.correct.out")}
          type="datetime-local"
          value={checkOut}
          onChange={(event) => setCheckOut(event.target.value)}
        />
        <TextAreaField
          label={t("attendance.correct.reason")}
          value={reason}
          maxLength={500}
          error={problem}
          onChange={(event) => setReason(event.target.value)}
        />
        <DialogFooter
          confirmLabel={t(
            editing.kind === "correct" ? "attendance.correct.save" : "attendance.add.save",
          )}
          isBusy={mutation.isPending}
          error={mutation.error ? errorMessage(t, mutation.error) : null}
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
