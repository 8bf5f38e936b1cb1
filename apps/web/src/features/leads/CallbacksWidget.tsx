import type { TCallback } from "@crm/contracts";
import { useId, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { Link } from "react-router";
import { useLanguage, useShellT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { formatPhone, telLink } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { useCallbacks, useUpdateCallback } from "./callbacks.queries";
import type { CallbackBucket, CallbackScope } from "./leads.keys";

/** The list endpoint answers at most this many per bucket (see useCallbacks). */
const CALLBACKS_LIMIT = 50;
export const BUCKETS = [
  "overdue",
  "today",
  "upcoming",
] as const satisfies readonly CallbackBucket[];

/**
 * "Who do I call": overdue, today and upcoming callbacks, each marked done in place. Sales
 * managers switch between their own and the whole team's.
 */
export function CallbacksWidget({
  defaultScope,
  canSwitchScope,
  defaultBucket = "today",
  userId,
  limit = CALLBACKS_LIMIT,
}: {
  defaultScope: CallbackScope;
  canSwitchScope: boolean;
  defaultBucket?: (typeof BUCKETS)[number];
  /** The team's calls of one person (the dashboard's per-seller figure links here). */
  userId?: number;
  limit?: number;
}) {
  const t = useShellT();
  const [scope, setScope] = useState<CallbackScope>(defaultScope);
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>(defaultBucket);
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const options = { userId, limit };
  const queries = {
    overdue: useCallbacks("overdue", scope, options),
    today: useCallbacks("today", scope, options),
    upcoming: useCallbacks("upcoming", scope, options),
  };
  const active = queries[bucket];

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + BUCKETS.length) % BUCKETS.length;
    setBucket(BUCKETS[next]!);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="panel widget widget--wide" aria-labelledby={`${baseId}-title`}>
      <header className="widget__header">
        <h2 id={`${baseId}-title`}>
          {scope === "team" ? t("callbacks.titleTeam") : t("callbacks.title")}
        </h2>
        {canSwitchScope ? (
          <div className="segmented" role="group" aria-label={t("callbacks.scope")}>
            {(["mine", "team"] as const).map((value) => (
              <button
                key={value}
                type="button"
                className="segmented__button"
                aria-pressed={scope === value}
                onClick={() => setScope(value)}
              >
                {t(`callbacks.scope.${value}`)}
              </button>
            ))}
          </div>
        ) : null}
      </header>
      <div className="tabs" role="tablist" aria-label={t("callbacks.buckets")}>
        {BUCKETS.map((value, index) => {
          const count = queries[value].data?.items.length;
          return (
            <button
              key={value}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${value}`}
              aria-selected={bucket === value}
              aria-controls={`${baseId}-panel`}
              tabIndex={bucket === value ? 0 : -1}
              className={value === "overdue" && count ? "tabs__tab tabs__tab--alert" : "tabs__tab"}
              onClick={() => setBucket(value)}
              onKeyDown={(event) => onTabKeyDown(event, index)}
            >
              {t(`callbacks.bucket.${value}`)}{" "}
              {count !== undefined ? (
                <span className="tabs__count">{count >= limit ? `${count}+` : count}</span>
              ) : null}
            </button>
          );
        })}
      </div>
      <div
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${bucket}`}
        className="tabs__panel"
      >
        {active.isPending ? (
          <Loading />
        ) : active.isError ? (
          <LoadError error={active.error} onRetry={() => void active.refetch()} />
        ) : active.data.items.length === 0 ? (
          <p className="muted">{t(`callbacks.empty.${bucket}`)}</p>
        ) : (
          <ul className="callback-list">
            {active.data.items.map((callback) => (
              <CallbackRow
                key={callback.id}
                callback={callback}
                showUser={scope === "team"}
                showDate={bucket !== "today"}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function CallbackRow({
  callback,
  showUser,
  showDate,
}: {
  callback: TCallback;
  showUser: boolean;
  showDate: boolean;
}) {
  const t = useShellT();
  const { locale } = useLanguage();
  const updateCallback = useUpdateCallback();
  const [error, setError] = useState<string | null>(null);
  const due = new Date(callback.dueAt);
  const when = new Intl.DateTimeFormat(
    locale,
    showDate ? { dateStyle: "short", timeStyle: "short" } : { timeStyle: "short" },
  ).format(due);

  return (
    <li className="callback-list__item">
      <time className="callback-list__time" dateTime={callback.dueAt}>
        {when}
      </time>
      <div className="callback-list__body">
        <Link to={`/leads/${callback.lead.id}`} className="callback-list__lead">
          {callback.lead.fullName}
        </Link>
        <a href={telLink(callback.lead.phone)} className="callback-list__phone">
          {formatPhone(callback.lead.phone)}
        </a>
        {callback.note ? <p className="callback-list__note">{callback.note}</p> : null}
        {showUser ? <p className="callback-list__user muted">{callback.user.name}</p> : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-label={t("callbacks.markDoneFor", { name: callback.lead.fullName })}
        disabled={updateCallback.isPending}
        onClick={() =>
          updateCallback.mutate(
            { id: callback.id, patch: { isDone: true } },
            { onError: (failure) => setError(errorMessage(t, failure)) },
          )
        }
      >
        {t("callback.markDone")}
      </button>
    </li>
  );
}
