import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { Dictionary, MessageKey } from "./en";
import { ru } from "./ru";

export type { MessageKey } from "./en";

export const LANGUAGES = ["ru", "uz", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ru";

/**
 * Russian, the default, ships with the app; another language loads when it is chosen. Uzbek is
 * not complete yet, so English fills its gaps.
 */
const loaders: Record<Language, () => Promise<Dictionary>> = {
  ru: () => Promise.resolve(ru),
  uz: async () => {
    const [{ en }, { uz }] = await Promise.all([import("./en"), import("./uz")]);
    return { ...en, ...uz };
  },
  en: async () => (await import("./en")).en,
};

const loaded = new Map<Language, Dictionary>([["ru", ru]]);

async function loadDictionary(language: Language): Promise<Dictionary> {
  const cached = loaded.get(language);
  if (cached) return cached;
  const dictionary = await loaders[language]();
  loaded.set(language, dictionary);
  return dictionary;
}

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
  dictionary: Dictionary,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const template = dictionary[key];
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

/** The language on screen with its strings (it trails a new choice until that one loads). */
interface Shown {
  language: Language;
  dictionary: Dictionary;
}

function shownNow(language: Language): Shown | null {
  const dictionary = loaded.get(language);
  return dictionary ? { language, dictionary } : null;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);
  const [shown, setShown] = useState<Shown | null>(() => shownNow(language));

  useEffect(() => {
    if (shown?.language === language) return;
    let current = true;
    loadDictionary(language).then(
      (dictionary) => {
        if (current) setShown({ language, dictionary });
      },
      () => {
        // The language could not be loaded (offline): keep what is on screen, or the default.
        if (current) setShown((previous) => previous ?? shownNow(DEFAULT_LANGUAGE));
      },
    );
    return () => {
      current = false;
    };
  }, [language, shown]);

  useEffect(() => {
    if (shown) document.documentElement.lang = HTML_LANG[shown.language];
  }, [shown]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this tab.
    }
  }, []);

  const value = useMemo<I18nValue | null>(
    () =>
      shown && {
        language,
        locale: LOCALES[shown.language],
        setLanguage,
        t: (key, vars) => translate(shown.dictionary, key, vars),
      },
    [language, shown, setLanguage],
  );

  // Only a language other than the default can be missing, for the moment its strings load.
  if (!value) return null;
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
