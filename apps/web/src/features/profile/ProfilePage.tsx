import { useQueryClient } from "@tanstack/react-query";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { refreshProfile, useProfile, useTelegramCode, useUnlinkTelegram } from "./profile.queries";

/**
 * `/profile`: the user's Telegram link. A one-time code (valid a few minutes) is sent to the
 * bot as `/link CODE`; after that CRM notifications come there, until unlinked here or with
 * `/unlink` in the bot.
 */
export function ProfilePage() {
  const t = useT();
  const { locale } = useLanguage();
  useDocumentTitle(t("profile.title"));
  const profile = useProfile();
  const code = useTelegramCode();
  const unlink = useUnlinkTelegram();
  const queryClient = useQueryClient();
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" });

  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return <LoadError error={profile.error} onRetry={() => void profile.refetch()} />;
  const linked = profile.data.telegramLinked;

  return (
    <section className="page" aria-labelledby="profile-title">
      <header className="page__header">
        <h1 id="profile-title">{t("profile.title")}</h1>
      </header>
      <section className="panel" aria-labelledby="profile-telegram-title">
        <h2 id="profile-telegram-title">{t("profile.telegram.title")}</h2>
        <p>{linked ? t("profile.telegram.linked") : t("profile.telegram.notLinked")}</p>
        {code.data && !linked ? (
          <Notice>
            {t("profile.telegram.code", {
              code: code.data.code,
              time: time.format(new Date(code.data.expiresAt)),
            })}
          </Notice>
        ) : null}
        {code.isError || unlink.isError ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(t, code.error ?? unlink.error)}
          </p>
        ) : null}
        <div className="form__actions">
          {linked ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={unlink.isPending}
              onClick={() => unlink.mutate()}
            >
              {t("profile.telegram.unlink")}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={code.isPending}
                onClick={() => code.mutate()}
              >
                {t("profile.telegram.getCode")}
              </button>
              {code.data ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void refreshProfile(queryClient)}
                >
                  {t("profile.telegram.check")}
                </button>
              ) : null}
            </>
          )}
        </div>
      </section>
    </section>
  );
}
