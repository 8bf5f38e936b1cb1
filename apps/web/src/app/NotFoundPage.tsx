import { Link } from "react-router";
import { useDocumentTitle, useShellT } from "../i18n";

export function NotFoundPage() {
  const t = useShellT();
  useDocumentTitle(t("notFound.title"));
  return (
    <main id="main" className="page page--message page--standalone">
      <p className="page__code" aria-hidden="true">
        404
      </p>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link className="button button--secondary" to="/dashboard">
        {t("app.goHome")}
      </Link>
    </main>
  );
}
