import { useDocumentTitle, useT } from "../i18n";
import type { MessageKey } from "../i18n";

/** A real route with its heading, for features that are not built yet. */
export function PlaceholderPage({ title }: { title: MessageKey }) {
  const t = useT();
  const heading = t(title);
  useDocumentTitle(heading);
  return (
    <section className="page" aria-labelledby="placeholder-title">
      <header className="page__header">
        <h1 id="placeholder-title">{heading}</h1>
      </header>
      <div className="empty-state">
        <p className="badge badge--muted">{t("dashboard.soon")}</p>
        <p>{t("placeholder.body")}</p>
      </div>
    </section>
  );
}
