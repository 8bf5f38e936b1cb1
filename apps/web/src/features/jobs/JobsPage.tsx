import { JOB_STATES, ZJobName, ZJobState } from "@crm/contracts";
import type { JobName, TJob, TJobQueue, TJobState } from "@crm/contracts";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { MessageKey, Translate } from "../../i18n";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { formatNumber } from "../../lib/format";
import { ConfirmDialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { useJobRuns, useJobsOverview, useRemoveJob, useRetryJob, useRunNow } from "./jobs.queries";
import "./jobs.css";

const queueLabel = (t: Translate, name: JobName) => t(`jobs.queue.${name}` as MessageKey);
const stateLabel = (t: Translate, state: TJobState) => t(`jobs.state.${state}` as MessageKey);

function interval(t: Translate, ms: number) {
  return ms % 60_000 === 0
    ? t("jobs.interval.minutes", { n: ms / 60_000 })
    : t("jobs.interval.seconds", { n: Math.round(ms / 1000) });
}

function useDateTime() {
  const { locale } = useLanguage();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (iso: string) => format.format(new Date(iso));
}

/** `/admin/jobs` (ADMIN): the job queues, their schedules, and recent runs by state. */
export function JobsPage() {
  const t = useT();
  useDocumentTitle(t("jobs.title"));
  const [params, setParams] = useSearchParams();
  const queue = ZJobName.catch("mark-overdue-payments").parse(params.get("queue"));
  const state = ZJobState.catch("failed").parse(params.get("state"));
  const overview = useJobsOverview();
  const [notice, setNotice] = useState<string | null>(null);

  const show = (next: { queue?: JobName; state?: TJobState }) =>
    setParams({ queue: next.queue ?? queue, state: next.state ?? state }, { replace: true });

  return (
    <section className="page jobs-page" aria-labelledby="jobs-title">
      <header className="page__header">
        <h1 id="jobs-title">{t("jobs.title")}</h1>
        {overview.data ? (
          <p className="muted">{t(`jobs.mode.${overview.data.mode}` as MessageKey)}</p>
        ) : null}
      </header>
      {notice ? <Notice>{notice}</Notice> : null}
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <section aria-labelledby="jobs-queues-title">
          <h2 id="jobs-queues-title">{t("jobs.queues")}</h2>
          <ul className="cards jobs-queues">
            {overview.data.queues.map((item) => (
              <QueueCard
                key={item.name}
                queue={item}
                onShow={(shown) => show({ queue: item.name, state: shown })}
                onRun={(job) => {
                  setNotice(t("jobs.runQueued", { queue: queueLabel(t, item.name), id: job.id }));
                  // Where the run will be once it is done.
                  show({ queue: item.name, state: "completed" });
                }}
              />
            ))}
          </ul>
        </section>
      )}
      <Runs queue={queue} state={state} onChange={show} onNotice={setNotice} />
    </section>
  );
}

function QueueCard({
  queue,
  onShow,
  onRun,
}: {
  queue: TJobQueue;
  onShow: (state: TJobState) => void;
  onRun: (job: TJob) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const dateTime = useDateTime();
  const runNow = useRunNow();
  const titleId = `jobs-queue-${queue.name}`;
  return (
    <li className="card jobs-queue" aria-labelledby={titleId}>
      <h3 id={titleId} className="card__title">
        {queueLabel(t, queue.name)}
      </h3>
      <p className="mono muted jobs-queue__name">{queue.name}</p>
      {queue.schedule ? (
        <p className="jobs-queue__schedule">
          {t("jobs.schedule.every", { interval: interval(t, queue.schedule.every) })}
          <br />
          <span className="muted">
            {queue.schedule.nextRunAt
              ? t("jobs.schedule.next", { time: dateTime(queue.schedule.nextRunAt) })
              : t("jobs.schedule.notRegistered")}
          </span>
        </p>
      ) : (
        <p className="jobs-queue__schedule muted">{t("jobs.schedule.none")}</p>
      )}
      <ul className="jobs-counts" aria-label={t("jobs.counts")}>
        {JOB_STATES.map((state) => (
          <li key={state}>
            <button
              type="button"
              className={
                state === "failed" && queue.counts.failed > 0
                  ? "jobs-count jobs-count--alert"
                  : "jobs-count"
              }
              aria-label={t("jobs.showRuns", {
                queue: queueLabel(t, queue.name),
                state: stateLabel(t, state),
                count: queue.counts[state],
              })}
              onClick={() => onShow(state)}
            >
              {stateLabel(t, state)} <strong>{formatNumber(queue.counts[state], locale)}</strong>
            </button>
          </li>
        ))}
      </ul>
      {queue.schedule ? (
        <>
          <button
            type="button"
            className="button button--secondary jobs-queue__run"
            aria-label={t("jobs.runNowOf", { queue: queueLabel(t, queue.name) })}
            disabled={runNow.isPending}
            onClick={() => runNow.mutate(queue.name, { onSuccess: onRun })}
          >
            {t("jobs.runNow")}
          </button>
          {runNow.isError ? (
            <p className="alert alert--error" role="alert">
              {errorMessage(t, runNow.error)}
            </p>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

type Pending = { action: "retry" | "remove"; job: TJob };

function Runs({
  queue,
  state,
  onChange,
  onNotice,
}: {
  queue: JobName;
  state: TJobState;
  onChange: (next: { queue?: JobName; state?: TJobState }) => void;
  onNotice: (message: string) => void;
}) {
  const t = useT();
  const runs = useJobRuns(queue, state);
  const retry = useRetryJob();
  const remove = useRemoveJob();
  const [pending, setPending] = useState<Pending | null>(null);
  const mutation = pending?.action === "retry" ? retry : remove;

  const confirm = () => {
    if (!pending) return;
    const { job, action } = pending;
    const done = () => {
      setPending(null);
      onNotice(t(action === "retry" ? "jobs.retried" : "jobs.removed", { id: job.id }));
    };
    if (action === "retry") retry.mutate({ queue: job.queue, id: job.id }, { onSuccess: done });
    else remove.mutate({ queue: job.queue, id: job.id }, { onSuccess: done });
  };

  return (
    <section aria-labelledby="jobs-runs-title" className="jobs-runs">
      <h2 id="jobs-runs-title">{t("jobs.runs")}</h2>
      <div className="jobs-filters">
        <SelectField
          label={t("jobs.filter.queue")}
          value={queue}
          onChange={(event) => onChange({ queue: ZJobName.parse(event.target.value) })}
        >
          {ZJobName.options.map((name) => (
            <option key={name} value={name}>
              {queueLabel(t, name)}
            </option>
          ))}
        </SelectField>
        <div className="segmented jobs-states" role="group" aria-label={t("jobs.filter.state")}>
          {JOB_STATES.map((option) => (
            <button
              key={option}
              type="button"
              className="segmented__button"
              aria-pressed={option === state}
              onClick={() => onChange({ state: option })}
            >
              {stateLabel(t, option)}
            </button>
          ))}
        </div>
      </div>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <p className="empty-state">{t("jobs.runs.empty")}</p>
      ) : (
        <ul
          className="jobs-run-list"
          aria-label={t("jobs.runsOf", { queue: queueLabel(t, queue) })}
        >
          {runs.data.items.map((job) => (
            <RunCard
              key={job.id}
              job={job}
              onRetry={() => setPending({ action: "retry", job })}
              onRemove={() => setPending({ action: "remove", job })}
            />
          ))}
        </ul>
      )}
      {pending ? (
        <ConfirmDialog
          title={t(pending.action === "retry" ? "jobs.retry.title" : "jobs.remove.title", {
            id: pending.job.id,
          })}
          body={t(pending.action === "retry" ? "jobs.retry.body" : "jobs.remove.body")}
          confirmLabel={t(pending.action === "retry" ? "jobs.retry" : "jobs.remove")}
          isBusy={mutation.isPending}
          error={mutation.isError ? errorMessage(t, mutation.error) : null}
          onConfirm={confirm}
          onClose={() => {
            retry.reset();
            remove.reset();
            setPending(null);
          }}
        />
      ) : null}
    </section>
  );
}

function RunCard({
  job,
  onRetry,
  onRemove,
}: {
  job: TJob;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const t = useT();
  const dateTime = useDateTime();
  const titleId = `jobs-run-${job.queue}-${job.id}`;
  const times: [MessageKey, string | null][] = [
    ["jobs.run.created", job.createdAt],
    ["jobs.run.started", job.startedAt],
    ["jobs.run.finished", job.finishedAt],
    ["jobs.run.runAt", job.runAt],
  ];
  return (
    <li className="card jobs-run" aria-labelledby={titleId}>
      <div className="jobs-run__head">
        <h3 id={titleId} className="card__title">
          {t("jobs.run.title", { id: job.id })}
        </h3>
        <span className={`badge jobs-state jobs-state--${job.state}`}>
          {stateLabel(t, job.state)}
        </span>
        <span className="badge badge--muted">
          {t(job.scheduled ? "jobs.run.scheduled" : "jobs.run.manual")}
        </span>
      </div>
      <dl className="details jobs-run__details">
        {times.map(([label, value]) =>
          value ? (
            <div key={label} className="details__row">
              <dt>{t(label)}</dt>
              <dd>{dateTime(value)}</dd>
            </div>
          ) : null,
        )}
        <div className="details__row">
          <dt>{t("jobs.run.attempts")}</dt>
          <dd>{t("jobs.run.attemptsValue", { made: job.attemptsMade, total: job.attempts })}</dd>
        </div>
      </dl>
      <JsonBlock label={t("jobs.run.payload")} value={job.payload} />
      {job.result !== null && job.result !== undefined ? (
        <JsonBlock label={t("jobs.run.result")} value={job.result} />
      ) : null}
      {job.lastError ? (
        <div className="jobs-run__block">
          <p className="jobs-run__label">{t("jobs.run.error")}</p>
          <pre className="jobs-run__pre jobs-run__pre--error">{job.lastError}</pre>
        </div>
      ) : null}
      {job.state !== "active" ? (
        <div className="jobs-run__actions">
          {job.state === "failed" ? (
            <button type="button" className="button button--secondary" onClick={onRetry}>
              {t("jobs.retry")}
            </button>
          ) : null}
          <button type="button" className="button button--danger-outline" onClick={onRemove}>
            {t("jobs.remove")}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="jobs-run__block">
      <p className="jobs-run__label">{label}</p>
      <pre className="jobs-run__pre">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
