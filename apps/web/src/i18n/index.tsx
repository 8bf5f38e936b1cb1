import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { Dictionary, MessageKey, ShellDictionary, ShellKey } from "./en";
import { shellRu } from "./shell.ru";

export type { MessageKey, ShellKey } from "./en";

export const LANGUAGES = ["ru", "uz", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ru";

/**
 * Complete dictionaries, loaded when first needed. Uzbek is not complete yet, so English fills
 * its gaps.
 */
const loaders: Record<Language, () => Promise<Dictionary>> = {
  ru: async () => (await import("./ru")).ru,
  uz: async () => {
    const [{ en }, { uz }] = await Promise.all([import("./en"), import("./uz")]);
    return { ...en, ...uz };
  },
  en: async () => (await import("./en")).en,
};

const loaded = new Map<Language, Dictionary>();
const loading = new Map<Language, Promise<Dictionary>>();
/** Why the last load failed, for the page that waited on it to report (once). */
const failures = new Map<Language, unknown>();

/** A language's complete dictionary, loaded once (a failed load is tried again next time). */
function loadDictionary(language: Language): Promise<Dictionary> {
  let promise = loading.get(language);
  if (!promise) {
    failures.delete(language);
    promise = loaders[language]().then(
      (dictionary) => {
        loaded.set(language, dictionary);
        return dictionary;
      },
      (error: unknown) => {
        loading.delete(language);
        failures.set(language, error);
        throw error;
      },
    );
    loading.set(language, promise);
  }
  return promise;
}

/**
 * Strings a language can show before its complete dictionary is there: the shell's (layout,
 * login, dashboard) in Russian, which ship with the app. Another language shows once it has
 * loaded completely.
 */
function shellDictionary(language: Language): ShellDictionary | undefined {
  return loaded.get(language) ?? (language === "ru" ? shellRu : undefined);
}

/** BCP 47 tags for `<html lang>` and Intl formatting; Uzbek is written in Latin script here. */
const LOCALES: Record<Language, string> = { ru: "ru-RU", uz: "uz-Latn-UZ", en: "en-GB" };
const HTML_LANG: Record<Language, string> = { ru: "ru", uz: "uz-Latn", en: "en" };

const STORAGE_KEY = "crm.language";

/** Fills a message's `{name}` placeholders; takes the keys of the dictionary it reads. */
export type Translate<Key extends MessageKey = MessageKey> = (
  key: Key,
  vars?: Record<string, string | number>,
) => string;

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

export function translate<Key extends MessageKey>(
  dictionary: Record<Key, string>,
  key: Key,
  vars?: Record<string, string | number>,
): string {
  const template = dictionary[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

/** One `t` per dictionary, so it keeps its identity across renders (effects depend on it). */
const translators = new WeakMap<object, Translate<never>>();

function translatorFor<Key extends MessageKey>(dictionary: Record<Key, string>): Translate<Key> {
  let t = translators.get(dictionary) as Translate<Key> | undefined;
  if (!t) {
    t = (key, vars) => translate(dictionary, key, vars);
    translators.set(dictionary, t);
  }
  return t;
}

/** The language on screen with its strings (it trails a new choice until that one loads). */
interface Shown {
  language: Language;
  dictionary: ShellDictionary;
}

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  shown: Shown;
}

const I18nContext = createContext<I18nValue | null>(null);

function shownNow(language: Language): Shown | null {
  const dictionary = shellDictionary(language);
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
    () => shown && { language, setLanguage, shown },
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

/**
 * `t` for the app shell (layout, login, dashboard and what they show): only the keys that are
 * there before the language's complete dictionary, so the first page never waits for it.
 */
export function useShellT(): Translate<ShellKey> {
  return translatorFor(useI18n().shown.dictionary);
}

/**
 * `t` for every key. Until the language's complete dictionary is there it suspends (the
 * nearest `<Suspense>` shows its fallback); the router loads it with a page's code.
 */
export function useT(): Translate {
  const { language } = useI18n().shown;
  const dictionary = loaded.get(language);
  if (dictionary) return translatorFor(dictionary);
  // A failed load goes to the route's error screen (its retry loads again); only a load in
  // progress is waited for, so an offline page cannot retry in a loop.
  if (failures.has(language)) {
    const error = failures.get(language);
    failures.delete(language);
    throw error;
  }
  throw loadDictionary(language);
}

/** Starts loading the complete dictionary of the chosen language, e.g. with a page's code. */
export function preloadDictionary(): Promise<Dictionary> {
  return loadDictionary(readStoredLanguage());
}

export function useLanguage() {
  const { language, setLanguage, shown } = useI18n();
  return { language, setLanguage, locale: LOCALES[shown.language] };
}

/** Sets the tab title for the current page, e.g. "Users · RealEstate CRM". */
export function useDocumentTitle(title: string) {
  const t = useShellT();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
