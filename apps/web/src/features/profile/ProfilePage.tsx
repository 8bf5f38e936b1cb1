import { NOTIFICATION_KINDS, ZLanguage } from "@crm/contracts";
import type { TNotificationKind, TProfile } from "@crm/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import {
  refreshProfile,
  useProfile,
  useTelegramCode,
  useUnlinkTelegram,
  useUpdateProfile,
} from "./profile.queries";
import "./profile.css";

type Language = TProfile["language"];

/**
 * `/profile`: the signed-in user's email, the language of their emails, which kinds come by
 * email, and the Telegram link.
 */
export function ProfilePage() {
  const t = useT();
  useDocumentTitle(t("profile.title"));
  const profile = useProfile();
  return (
    <section className="page page--narrow" aria-labelledby="profile-title">
      <header className="page__header">
        <h1 id="profile-title">{t("profile.title")}</h1>
      </header>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <LoadError error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <>
          <ProfileForm profile={profile.data} />
          <TelegramLink linked={profile.data.telegramLinked} />
        </>
      )}
    </section>
  );
}

function ProfileForm({ profile }: { profile: TProfile }) {
  const t = useT();
  const update = useUpdateProfile();
  const [email, setEmail] = useState(profile.email ?? "");
  const [language, setLanguage] = useState<Language>(profile.language);
  const [emailKinds, setEmailKinds] = useState(() => emailChoices(profile));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => setSaved(false), [email, language, emailKinds]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setFieldErrors({});
    const notificationPrefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [
        kind,
        { email: emailKinds[kind], telegram: profile.notificationPrefs[kind].telegram },
      ]),
    );
    update.mutate(
      { email: email.trim() === "" ? null : email.trim(), language, notificationPrefs },
      {
        onSuccess: () => setSaved(true),
        onError: (error) => {
          if ((isApiError(error, 400) || isApiError(error, 409)) && error.fieldErrors.length) {
            setFieldErrors(problemFieldErrors(t, error));
          } else {
            setFormError(errorMessage(t, error));
          }
        },
      },
    );
  };

  return (
    <form className="panel form" onSubmit={onSubmit} noValidate>
      <TextField
        label={t("profile.email")}
        hint={t("profile.email.hint")}
        type="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldErrors.email}
      />
      <SelectField
        label={t("profile.language")}
        value={language}
        onChange={(event) => setLanguage(event.target.value as Language)}
      >
        {ZLanguage.options.map((code) => (
          <option key={code} value={code}>
            {t(`profile.language.${code}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <fieldset className="form__wide profile-kinds">
        <legend>{t("profile.kinds")}</legend>
        <p className="field__hint">{t("profile.kinds.hint")}</p>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="checkbox">
            <input
              type="checkbox"
              checked={emailKinds[kind]}
              onChange={(event) =>
                setEmailKinds((current) => ({ ...current, [kind]: event.target.checked }))
              }
            />
            {t(`profile.kind.${kind}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {formError ? (
        <p className="alert alert--error form__wide" role="alert">
          {formError}
        </p>
      ) : null}
      {saved ? <Notice>{t("profile.saved")}</Notice> : null}
      <div className="form__wide">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {t("profile.save")}
        </button>
      </div>
    </form>
  );
}

function emailChoices(profile: TProfile): Record<TNotificationKind, boolean> {
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, profile.notificationPrefs[kind].email]),
  ) as Record<TNotificationKind, boolean>;
}

/**
 * The user's Telegram link. A one-time code (valid a few minutes) is sent to the bot as
 * `/link CODE`; after that CRM notifications come there, until unlinked here or with `/unlink`
 * in the bot.
 */
function TelegramLink({ linked }: { linked: boolean }) {
  const t = useT();
  const { locale } = useLanguage();
  const code = useTelegramCode();
  const unlink = useUnlinkTelegram();
  const queryClient = useQueryClient();
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  return (
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
  );
}
