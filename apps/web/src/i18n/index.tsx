import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { en } from "./en";
import type { Dictionary, MessageKey } from "./en";
import { ru } from "./ru";
import { uz } from "./uz";

export type { MessageKey } from "./en";

export const LANGUAGES = ["ru", "uz", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ru";

const dictionaries: Record<Language, Partial<Dictionary>> = { ru, uz, en };

/** BCP 47 tags for `<html lang>` and Intl formatting; Uzbek is written in Latin script here. */
const LOCALES: Record<Language, string> = { ru: "ru-RU", uz: "uz-Latn-UZ", en: "en-GB" };
const HTML_LANG: Record<Language, string> = { ru: "ru", uz: "uz-Latn", en: "en" };

const STORAGE_KEY = "crm.language";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be unavailable (privacy mode); the default language still works.
    return DEFAULT_LANGUAGE;
  }
}

export function translate(
  language: Language,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const template = dictionaries[language][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

interface I18nValue {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this tab.
    }
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      language,
      locale: LOCALES[language],
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
    }),
    [language, setLanguage],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() must be used inside <I18nProvider>");
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLanguage() {
  const { language, setLanguage, locale } = useI18n();
  return { language, setLanguage, locale };
}

/** Sets the tab title for the current page, e.g. "Users · RealEstate CRM". */
export function useDocumentTitle(title: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
