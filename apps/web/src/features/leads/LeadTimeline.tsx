import { callbackPolicy, commentPolicy, leadPolicy } from "@crm/contracts";
import type { TLead, TTimelineItem } from "@crm/contracts";
import { useState } from "react";
import { useLanguage, useT } from "../../i18n";
import { useCurrentUser } from "../../app/current-user";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { fromDateTimeLocal, toDateTimeLocal } from "../../lib/dates";
import { ConfirmDialog } from "../../ui/Dialog";
import { TextAreaField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { describeEvent, type DescribeContext } from "../audit/describe-event";
import { isArchived, policyLead } from "./lead-meta";
import {
  useAddCallback,
  useAddComment,
  useAssignableUsers,
  useComplexOptions,
  useDeleteCallback,
  useDeleteComment,
  useEditComment,
  useTimeline,
} from "./leads.queries";
import { useUpdateCallback } from "./callbacks.queries";

type CommentItem = Extract<TTimelineItem, { kind: "comment" }>;
type CallbackItem = Extract<TTimelineItem, { kind: "callback" }>;

export function LeadTimeline({ lead }: { lead: TLead }) {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const timeline = useTimeline(lead.id);
  const assignable = useAssignableUsers(user.role);
  const complexes = useComplexOptions(user.role);
  // An archived lead takes no comments or callbacks until an admin restores it.
  const canWork = !isArchived(lead) && leadPolicy.canEdit(user, policyLead(lead));

  const ctx: DescribeContext = {
    t,
    locale,
    lead,
    people: new Map((assignable.data?.items ?? []).map((person) => [person.id, person.name])),
    complexes: new Map(complexes.map((option) => [option.id, option.name])),
  };

  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      {canWork ? (
        <div className="timeline__composers">
          <CommentForm leadId={lead.id} />
          <CallbackForm leadId={lead.id} />
        </div>
      ) : null}
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <p className="muted">{t("timeline.empty")}</p>
      ) : (
        <ol className="timeline__list" aria-label={t("timeline.list")}>
          {timeline.data.items.map((item) => (
            <li
              key={`${item.kind}-${item.id}`}
              className={`timeline__item timeline__item--${item.kind}`}
            >
              <p className="timeline__meta">
                <span className="timeline__who">{item.actor?.name ?? t("timeline.system")}</span>
                <time dateTime={item.at}>{formatDateTime(item.at, locale)}</time>
              </p>
              {item.kind === "event" ? (
                describeEvent(ctx, item).map((line, index) => (
                  <p key={index} className="timeline__text">
                    {line}
                  </p>
                ))
              ) : item.kind === "comment" ? (
                <CommentEntry item={item} leadId={lead.id} isLocked={!canWork} />
              ) : (
                <CallbackEntry item={item} lead={lead} isLocked={!canWork} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function CommentForm({ leadId }: { leadId: number }) {
  const t = useT();
  const addComment = useAddComment(leadId);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="form composer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const text = body.trim();
        if (!text) return setError(t("validation.required"));
        setError(undefined);
        addComment.mutate(text, {
          onSuccess: () => setBody(""),
          onError: (failure) => setError(errorMessage(t, failure)),
        });
      }}
    >
      <TextAreaField
        label={t("comment.label")}
        value={body}
        error={error}
        maxLength={4000}
        rows={2}
        onChange={(event) => setBody(event.target.value)}
      />
      <div>
        <button type="submit" className="button button--primary" disabled={addComment.isPending}>
          {t("comment.add")}
        </button>
      </div>
    </form>
  );
}

/** The next full hour: a sensible default for "call back at". */
function nextHour(): string {
  const date = new Date();
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + 1);
  return toDateTimeLocal(date);
}

function CallbackForm({ leadId }: { leadId: number }) {
  const t = useT();
  const addCallback = useAddCallback(leadId);
  const [dueAt, setDueAt] = useState(nextHour);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { locale } = useLanguage();

  return (
    <form
      className="form composer composer--callback"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        setFormError(null);
        const iso = fromDateTimeLocal(dueAt);
        if (!iso) return setError(t("validation.required"));
        setError(undefined);
        addCallback.mutate(
          { dueAt: iso, note: note.trim() },
          {
            onSuccess: (callback) => {
              setNote("");
              setDone(t("callback.scheduled", { at: formatDateTime(callback.dueAt, locale) }));
            },
            onError: (failure) => setFormError(errorMessage(t, failure)),
          },
        );
      }}
    >
      <TextField
        label={t("callback.dueAt")}
        type="datetime-local"
        value={dueAt}
        error={error}
        required
        onChange={(event) => setDueAt(event.target.value)}
      />
      <TextField
        label={t("callback.note")}
        value={note}
        maxLength={1000}
        onChange={(event) => setNote(event.target.value)}
      />
      <div>
        <button type="submit" className="button button--secondary" disabled={addCallback.isPending}>
          {t("callback.add")}
        </button>
      </div>
      {formError ? (
        <p className="alert alert--error composer__message" role="alert">
          {formError}
        </p>
      ) : null}
      {done ? (
        <p className="alert alert--success composer__message" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function CommentEntry({
  item,
  leadId,
  isLocked,
}: {
  item: CommentItem;
  leadId: number;
  /** The lead takes no changes (archived, or read-only for this user). */
  isLocked: boolean;
}) {
  const t = useT();
  const user = useCurrentUser();
  const editComment = useEditComment(leadId);
  const deleteComment = useDeleteComment(leadId);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const author = { authorId: item.actor?.id ?? null };
  const isOwn = !isLocked && commentPolicy.canEdit(user, author);
  const canRemove = !isLocked && commentPolicy.canDelete(user, author);

  if (draft !== null) {
    return (
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (!text) return setError(t("validation.required"));
          editComment.mutate(
            { id: item.id, body: text },
            {
              onSuccess: () => setDraft(null),
              onError: (failure) => setError(errorMessage(t, failure)),
            },
          );
        }}
      >
        <TextAreaField
          label={t("comment.editLabel")}
          value={draft}
          error={error ?? undefined}
          maxLength={4000}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
        />
        <div className="timeline__actions">
          <button
            type="submit"
            className="button button--small button--primary"
            disabled={editComment.isPending}
          >
            {t("comment.save")}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              setDraft(null);
              setError(null);
            }}
          >
            {t("app.cancel")}
          </button>
        </div>
      </form>
    );
  }

  return (
    <>
      <p className="timeline__text timeline__comment">{item.body}</p>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {isOwn || canRemove ? (
        <div className="timeline__actions">
          {isOwn ? (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setDraft(item.body)}
            >
              {t("comment.edit")}
            </button>
          ) : null}
          {canRemove ? (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setConfirming(true)}
            >
              {t("comment.delete")}
            </button>
          ) : null}
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          title={t("comment.deleteTitle")}
          body={t("comment.deleteBody")}
          confirmLabel={t("comment.delete")}
          isBusy={deleteComment.isPending}
          error={deleteComment.error ? errorMessage(t, deleteComment.error) : null}
          onClose={() => setConfirming(false)}
          onConfirm={() => deleteComment.mutate(item.id, { onSuccess: () => setConfirming(false) })}
        />
      ) : null}
    </>
  );
}

function CallbackEntry({
  item,
  lead,
  isLocked,
}: {
  item: CallbackItem;
  lead: TLead;
  isLocked: boolean;
}) {
  const leadId = lead.id;
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const updateCallback = useUpdateCallback();
  const deleteCallback = useDeleteCallback(leadId);
  const [error, setError] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const canChange =
    !isLocked &&
    callbackPolicy.canChange(user, {
      userId: item.actor?.id ?? null,
      lead: policyLead(lead),
    });
  const isOverdue = !item.isDone && new Date(item.dueAt).getTime() < Date.now();

  return (
    <>
      <p className="timeline__text">
        {t("timeline.callback", { at: formatDateTime(item.dueAt, locale) })}{" "}
        {item.isDone ? (
          <span className="badge badge--ok">{t("callback.done")}</span>
        ) : isOverdue ? (
          <span className="badge badge--danger">{t("callback.overdue")}</span>
        ) : (
          <span className="badge">{t("callback.planned")}</span>
        )}
      </p>
      {item.note ? <p className="timeline__text muted">{item.note}</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {canChange ? (
        <div className="timeline__actions">
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={updateCallback.isPending}
            onClick={() =>
              updateCallback.mutate(
                { id: item.id, patch: { isDone: !item.isDone } },
                { onError: (failure) => setError(errorMessage(t, failure)) },
              )
            }
          >
            {item.isDone ? t("callback.undo") : t("callback.markDone")}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setConfirming(true)}
          >
            {t("callback.delete")}
          </button>
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          title={t("callback.deleteTitle")}
          body={t("callback.deleteBody")}
          confirmLabel={t("callback.delete")}
          isBusy={deleteCallback.isPending}
          error={deleteCallback.error ? errorMessage(t, deleteCallback.error) : null}
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            deleteCallback.mutate(item.id, { onSuccess: () => setConfirming(false) })
          }
        />
      ) : null}
    </>
  );
}
