import { notificationKinds } from "@crm/contracts/notifications";
import type {
  TNotification,
  TNotificationKind,
  TNotificationPayload,
} from "@crm/contracts/notifications";
import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { useLanguage, useShellT } from "../../i18n";
import type { ShellKey, Translate } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatMoney } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { useMarkRead, useNotificationList } from "./notifications.queries";

interface Described {
  text: string;
  href: string;
}

type Describe<K extends TNotificationKind> = (
  payload: TNotificationPayload<K>,
  t: Translate<ShellKey>,
  when: (iso: string) => string,
  locale: string,
) => Described;

/** What each kind of notification says, and where it leads. */
const DESCRIBE: { [K in TNotificationKind]: Describe<K> } = {
  "lead.assigned": (p, t) => ({
    text: t("notifications.kind.lead.assigned", { lead: p.leadName }),
    href: `/leads/${p.leadId}`,
  }),
  "callback.due": (p, t, when) => ({
    text: t("notifications.kind.callback.due", { lead: p.leadName, time: when(p.dueAt) }),
    href: `/leads/${p.leadId}`,
  }),
  "hold.expiring": (p, t, when) => ({
    text: t("notifications.kind.hold.expiring", {
      flat: p.flatNumber,
      complex: p.complexName,
      lead: p.leadName,
      time: when(p.bookedUntil),
    }),
    href:
      p.complexId === undefined
        ? `/leads/${p.leadId}`
        : `/complexes/${p.complexId}/grid?flat=${p.flatId}`,
  }),
  "deal.awaiting-approval": (p, t) => ({
    text: t("notifications.kind.deal.awaiting-approval", {
      deal: p.dealNumber,
      lead: p.leadName,
      pct: p.discountPct,
    }),
    href: `/deals/${p.dealId}`,
  }),
  "deal.decided": (p, t) => ({
    text:
      t(p.approved ? "notifications.kind.deal.approved" : "notifications.kind.deal.rejected", {
        deal: p.dealNumber,
      }) + (p.note ? `: ${p.note}` : ""),
    href: `/deals/${p.dealId}`,
  }),
  "instalment.overdue": (p, t, _when, locale) => ({
    text: t("notifications.kind.instalment.overdue", {
      amount: formatMoney(p.amount, p.currency, locale),
      deal: p.dealNumber,
      lead: p.leadName,
    }),
    href: `/deals/${p.dealId}`,
  }),
  "import.finished": (p, t) => ({
    text: p.failed
      ? t("notifications.kind.import.failed", { complex: p.complexName })
      : t("notifications.kind.import.finished", {
          complex: p.complexName,
          created: p.created,
          updated: p.updated,
          rejected: p.rejected,
        }),
    href: `/complexes/${p.complexId}/grid`,
  }),
  "export.ready": (p, t) => ({
    text: t("notifications.kind.export.ready", { file: p.fileName }),
    href: "/exports",
  }),
};

/** A notification read through its kind's contract shape; null if the payload does not fit. */
function describe(item: TNotification, t: Translate<ShellKey>, locale: string): Described | null {
  const parsed = notificationKinds[item.kind].safeParse(item.payload);
  if (!parsed.success) return null;
  const render = DESCRIBE[item.kind] as Describe<TNotificationKind>;
  return render(parsed.data as never, t, (iso) => formatDateTime(iso, locale), locale);
}

interface PanelProps {
  id: string;
  summary: { unread: number; latestId: number | null };
  onClose: (returnFocus: boolean) => void;
}

/** The bell's panel: recent notifications, each a link to what it is about. */
export function NotificationPanel({ id, summary, onClose }: PanelProps) {
  const t = useShellT();
  const { locale } = useLanguage();
  const list = useNotificationList(summary);
  const markRead = useMarkRead();
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);

  // Focus moves into the panel when it opens, so the keyboard continues from there.
  useEffect(() => titleRef.current?.focus(), []);

  const items = list.data?.items ?? [];
  const newest = items[0]?.id;
  return (
    <section id={id} className="bell__panel" aria-labelledby={titleId}>
      <header className="bell__header">
        <h2 id={titleId} className="bell__title" ref={titleRef} tabIndex={-1}>
          {t("notifications.title")}
        </h2>
        {summary.unread > 0 && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({ all: true, upTo: newest })}
          >
            {t("notifications.markAll")}
          </button>
        )}
      </header>
      {markRead.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, markRead.error)}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted bell__empty">{t("notifications.empty")}</p>
      ) : (
        <ul className="bell__list">
          {items.map((item) => {
            const described = describe(item, t, locale);
            if (!described) return null;
            const isUnread = item.readAt === null;
            return (
              <li
                key={item.id}
                className={isUnread ? "bell__item bell__item--unread" : "bell__item"}
              >
                <Link
                  to={described.href}
                  className="bell__link"
                  onClick={() => {
                    if (isUnread) markRead.mutate({ ids: [item.id] });
                    onClose(false);
                  }}
                >
                  {isUnread && (
                    <span className="visually-hidden">{t("notifications.unread")}: </span>
                  )}
                  <span className="bell__text">{described.text}</span>
                  <time className="bell__time muted" dateTime={item.createdAt}>
                    {formatDateTime(item.createdAt, locale)}
                  </time>
                </Link>
                {isUnread && (
                  <button
                    type="button"
                    className="bell__mark"
                    title={t("notifications.markOne")}
                    aria-label={`${t("notifications.markOne")}: ${described.text}`}
                    disabled={markRead.isPending}
                    onClick={() => markRead.mutate({ ids: [item.id] })}
                  >
                    <span aria-hidden="true">✓</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
