import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { useShellT } from "../../i18n";
import { Loading } from "../../ui/Status";
import "./notifications.css";
import { useUnreadSummary } from "./notifications.queries";

// The list, its texts and links load on the first opening, not with every page.
const NotificationPanel = lazy(() =>
  import("./NotificationPanel").then((m) => ({ default: m.NotificationPanel })),
);

/**
 * The header's bell: the unread count, kept current by polling while the tab is visible, and a
 * panel of recent notifications. Escape or a click elsewhere closes the panel; Escape returns
 * focus to the bell.
 */
export function NotificationBell() {
  const t = useShellT();
  const summary = useUnreadSummary();
  const [isOpen, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") close(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [isOpen, close]);

  const unread = summary.data?.unread ?? 0;
  return (
    <div
      className="bell"
      ref={rootRef}
      onBlur={(event) => {
        // Tabbing out of the panel closes it, as a click elsewhere does.
        const next = event.relatedTarget;
        if (isOpen && next instanceof Node && !rootRef.current?.contains(next)) close(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary bell__button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        aria-label={
          unread > 0 ? t("notifications.openUnread", { count: unread }) : t("notifications.open")
        }
        onClick={() => setOpen((open) => !open)}
      >
        <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {isOpen && (
        <Suspense
          fallback={
            <div id={panelId} className="bell__panel">
              <Loading />
            </div>
          }
        >
          <NotificationPanel
            id={panelId}
            summary={summary.data ?? { unread: 0, latestId: null }}
            onClose={close}
          />
        </Suspense>
      )}
    </div>
  );
}
