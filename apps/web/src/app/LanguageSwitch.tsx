import { useId } from "react";
import { isLanguage, LANGUAGES, useLanguage, useShellT } from "../i18n";

export function LanguageSwitch() {
  const t = useShellT();
  const { language, setLanguage } = useLanguage();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("lang.label")}
      </label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code === "uz" ? "uz-Latn" : code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
