import { DEFAULT_NOTIFICATION_PREFS, NOTIFICATION_KINDS, SETTING_KEYS } from "@crm/contracts";
import type { TSettingKey, TSettings, TUpdateSettingsRequest } from "@crm/contracts";
import { useState } from "react";
import { Link } from "react-router";
import type { FormEvent } from "react";
import { useDocumentTitle, useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { ApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { fieldName } from "../../lib/form-errors";
import { TextField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { useSettings, useUpdateSettings } from "./settings.queries";
import "./settings.css";

type Values = TSettings["values"];
type ScalarKey = Exclude<TSettingKey, "notifications.defaults">;
type Kind = (typeof NOTIFICATION_KINDS)[number];

/** The form's sections: each scalar setting with the input it needs. */
const SECTIONS: {
  title: MessageKey;
  hint?: MessageKey;
  fields: [ScalarKey, "text" | "number" | "time"][];
}[] = [
  {
    title: "settings.section.company",
    hint: "settings.section.company.hint",
    fields: [
      ["company.name", "text"],
      ["company.address", "text"],
      ["company.taxId", "text"],
      ["company.bank", "text"],
      ["company.account", "text"],
      ["company.mfo", "text"],
    ],
  },
  {
    title: "settings.section.booking",
    fields: [
      ["booking.defaultDays", "number"],
      ["booking.maxDays", "number"],
      ["booking.maxTotalDays", "number"],
      ["booking.maxHoldsPerLead", "number"],
    ],
  },
  {
    title: "settings.section.pricing",
    fields: [
      ["pricing.maxDiscountPct.SELLER", "number"],
      ["pricing.maxDiscountPct.MOP", "number"],
      ["pricing.minDownPaymentPct", "number"],
      ["pricing.startDateGraceDays", "number"],
    ],
  },
  {
    title: "settings.section.workday",
    fields: [
      ["attendance.workStart", "time"],
      ["attendance.workEnd", "time"],
      ["attendance.lateGraceMinutes", "number"],
      ["attendance.autoCheckoutAt", "time"],
      ["attendance.workDays", "text"],
    ],
  },
  {
    title: "settings.section.other",
    fields: [
      ["dashboard.stuckLeadDays", "number"],
      ["channels.requestsPerSenderPerDay", "number"],
    ],
  },
  {
    title: "settings.section.import",
    fields: [
      ["import.syncIntervalMinutes", "number"],
      ["import.maxRows", "number"],
    ],
  },
  {
    title: "settings.section.exports",
    fields: [
      ["exports.ttlHours", "number"],
      ["exports.csvDelimiter", "text"],
    ],
  },
];

const SCALAR_KEYS = SECTIONS.flatMap((section) => section.fields.map(([key]) => key));

interface Draft {
  scalars: Record<ScalarKey, string>;
  notifications: Record<Kind, { email: boolean; telegram: boolean }>;
}

function toDraft(values: Values): Draft {
  return {
    scalars: Object.fromEntries(SCALAR_KEYS.map((key) => [key, String(values[key])])) as Record<
      ScalarKey,
      string
    >,
    notifications: Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [
        kind,
        values["notifications.defaults"][kind] ?? DEFAULT_NOTIFICATION_PREFS[kind],
      ]),
    ) as Draft["notifications"],
  };
}

/** Numbers go as numbers; anything else as typed, for the API to refuse with its reason. */
const asValue = (text: string, type: "text" | "number" | "time") => {
  if (type !== "number") return text.trim();
  const number = Number(text.replace(",", "."));
  return text.trim() !== "" && Number.isFinite(number) ? number : text;
};

/** `/admin/settings`: what the company prints on contracts, holds, discounts, rates, hours. */
export function SettingsPage() {
  const t = useT();
  useDocumentTitle(t("nav.settings"));
  const settings = useSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError)
    return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm values={settings.data.values} />;
}

function SettingsForm({ values }: { values: Values }) {
  const t = useT();
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Draft>(() => toDraft(values));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const changes = (): TUpdateSettingsRequest => {
    const body: Record<string, unknown> = {};
    for (const section of SECTIONS) {
      for (const [key, type] of section.fields) {
        const value = asValue(draft.scalars[key], type);
        if (String(value) !== String(values[key])) body[key] = value;
      }
    }
    const current = toDraft(values).notifications;
    if (JSON.stringify(draft.notifications) !== JSON.stringify(current)) {
      body["notifications.defaults"] = draft.notifications;
    }
    return body as TUpdateSettingsRequest;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setFailure(null);
    setErrors({});
    const body = changes();
    if (Object.keys(body).length === 0) {
      setNotice(t("settings.nothingChanged"));
      return;
    }
    update.mutate(body, {
      onSuccess: (data) => {
        setDraft(toDraft(data.values));
        setNotice(t("settings.saved"));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.fieldErrors.length > 0) {
          const next: Record<string, string> = {};
          for (const item of error.fieldErrors) {
            const name = fieldName(item.path);
            const key = SETTING_KEYS.find((k) => name === k || name.startsWith(`${k}.`)) ?? name;
            next[key] ??= t("settings.invalid", { reason: item.message });
          }
          setErrors(next);
        }
        setFailure(errorMessage(t, error));
      },
    });
  };

  const setScalar = (key: ScalarKey, value: string) =>
    setDraft((current) => ({ ...current, scalars: { ...current.scalars, [key]: value } }));
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 id="settings-title">{t("nav.settings")}</h1>
        <p className="muted">{t("settings.subtitle")}</p>
      </header>
      <form onSubmit={onSubmit} noValidate className="settings__form">
        {SECTIONS.map((section) => (
          <fieldset key={section.title} className="panel settings__section">
            <legend>{t(section.title)}</legend>
            {section.hint ? <p className="muted">{t(section.hint)}</p> : null}
            <div className="settings__grid">
              {section.fields.map(([key, type]) => (
                <TextField
                  key={key}
                  label={t(`settings.field.${key}`)}
                  type={type === "time" ? "time" : "text"}
                  inputMode={type === "number" ? "decimal" : undefined}
                  value={draft.scalars[key]}
                  error={errors[key]}
                  onChange={(event) => setScalar(key, event.target.value)}
                />
              ))}
            </div>
          </fieldset>
        ))}

        <fieldset className="panel settings__section">
          <legend>{t("settings.section.rates")}</legend>
          <p className="muted">{t("settings.rates.hint")}</p>
          <Link className="button button--secondary" to="/expenses?tab=rates">
            {t("settings.rates.manage")}
          </Link>
        </fieldset>

        <fieldset className="panel settings__section">
          <legend>{t("settings.section.notifications")}</legend>
          <p className="muted">{t("settings.notifications.hint")}</p>
          <div
            className="table-wrap"
            role="region"
            aria-label={t("settings.section.notifications")}
            tabIndex={0}
          >
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("settings.notifications.kind")}</th>
                  <th scope="col">{t("settings.notifications.email")}</th>
                  <th scope="col">{t("settings.notifications.telegram")}</th>
                </tr>
              </thead>
              <tbody>
                {NOTIFICATION_KINDS.map((kind) => (
                  <tr key={kind}>
                    <th scope="row">{t(`notification.kind.${kind}`)}</th>
                    {(["email", "telegram"] as const).map((channel) => (
                      <td key={channel}>
                        <input
                          type="checkbox"
                          aria-label={`${t(`notification.kind.${kind}`)}: ${t(`settings.notifications.${channel}`)}`}
                          checked={draft.notifications[kind][channel]}
                          onChange={(event) =>
                            setDraft((current) => ({
                              ...current,
                              notifications: {
                                ...current.notifications,
                                [kind]: {
                                  ...current.notifications[kind],
                                  [channel]: event.target.checked,
                                },
                              },
                            }))
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>

        {notice ? <Notice>{notice}</Notice> : null}
        {failure ? (
          <p className="alert alert--error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="settings__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            {t("settings.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
