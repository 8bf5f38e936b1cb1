import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { ApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { ConfirmDialog } from "../../ui/Dialog";
import { LoadError, Loading, Notice } from "../../ui/Status";
import {
  useConnectInstagram,
  useDisconnectInstagram,
  useFinishInstagram,
  useInstagramStatus,
} from "./marketing.queries";
import { MediaSection } from "./MediaSection";

/** What Instagram appends to the redirect URI (this page). */
const CALLBACK_FIELDS = ["state", "code", "error", "error_reason", "error_description"] as const;

/**
 * `/admin/marketing` (ADMIN): the Instagram connection and the landing pages' photos and plans. Connecting leaves for Instagram's
 * consent page and comes back here with `?code&state` (this page is the redirect URI), which
 * is handed to the API once and removed from the address bar.
 */
export function MarketingPage() {
  const t = useT();
  const { locale } = useLanguage();
  useDocumentTitle(t("marketing.title"));
  const [params, setParams] = useSearchParams();
  const status = useInstagramStatus();
  const connect = useConnectInstagram();
  const finish = useFinishInstagram();
  const disconnect = useDisconnectInstagram();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const handled = useRef(false);

  useEffect(() => {
    const state = params.get("state");
    if (!state || handled.current) return;
    handled.current = true;
    const body: Record<string, string> = {};
    for (const name of CALLBACK_FIELDS) {
      const value = params.get(name);
      if (value) body[name] = value.slice(0, 1000);
    }
    setParams({}, { replace: true });
    finish.mutate(body, {
      onSuccess: () => setNotice(t("marketing.instagram.connected")),
      onError: (error) =>
        setNotice(
          error instanceof ApiError && error.fieldErrors.some((e) => e.code === "denied")
            ? t("marketing.instagram.denied")
            : error instanceof ApiError && error.fieldErrors.some((e) => e.code === "expired")
              ? t("marketing.instagram.expired")
              : errorMessage(t, error),
        ),
    });
  }, [params, setParams, finish, t]);

  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(iso),
    );

  return (
    <section className="page marketing-page" aria-labelledby="marketing-title">
      <header className="page__header">
        <h1 id="marketing-title">{t("marketing.title")}</h1>
      </header>
      {notice ? <Notice>{notice}</Notice> : null}
      <section className="card" aria-labelledby="instagram-title">
        <h2 id="instagram-title">Instagram</h2>
        {status.isPending || finish.isPending ? (
          <Loading />
        ) : status.isError ? (
          <LoadError error={status.error} onRetry={() => void status.refetch()} />
        ) : !status.data.configured ? (
          <p>
            {t("marketing.instagram.notConfigured", { missing: status.data.missing.join(", ") })}
          </p>
        ) : status.data.connection ? (
          <>
            <dl className="details">
              <dt>{t("marketing.instagram.account")}</dt>
              <dd>@{status.data.connection.username}</dd>
              <dt>{t("marketing.instagram.status")}</dt>
              <dd>
                {status.data.connection.status === "ACTIVE"
                  ? t("marketing.instagram.active")
                  : t("marketing.instagram.refreshFailed", {
                      error: status.data.connection.lastError ?? "",
                    })}
              </dd>
              <dt>{t("marketing.instagram.expires")}</dt>
              <dd>{date(status.data.connection.expiresAt)}</dd>
              <dt>{t("marketing.instagram.since")}</dt>
              <dd>{date(status.data.connection.connectedAt)}</dd>
            </dl>
            <div className="actions">
              <button type="button" className="button" onClick={() => setConfirming(true)}>
                {t("marketing.instagram.disconnect")}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="muted">{t("marketing.instagram.explain")}</p>
            <button
              type="button"
              className="button button--primary"
              disabled={connect.isPending}
              onClick={() =>
                connect.mutate(undefined, {
                  onSuccess: (reply) => window.location.assign(reply.authorizeUrl),
                  onError: (error) => setNotice(errorMessage(t, error)),
                })
              }
            >
              {t("marketing.instagram.connect")}
            </button>
          </>
        )}
      </section>
      <MediaSection />
      {confirming ? (
        <ConfirmDialog
          title={t("marketing.instagram.disconnect")}
          body={t("marketing.instagram.disconnectBody")}
          confirmLabel={t("marketing.instagram.disconnect")}
          isBusy={disconnect.isPending}
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            disconnect.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
                setNotice(t("marketing.instagram.disconnected"));
              },
              onError: (error) => setNotice(errorMessage(t, error)),
            })
          }
        />
      ) : null}
    </section>
  );
}
