import { Link } from "react-router";
import { useDocumentTitle, useShellT } from "../i18n";

export function ForbiddenPage() {
  const t = useShellT();
  useDocumentTitle(t("forbidden.title"));
  return (
    <section className="page page--message" aria-labelledby="forbidden-title">
      <p className="page__code" aria-hidden="true">
        403
      </p>
      <h1 id="forbidden-title">{t("forbidden.title")}</h1>
      <p>{t("forbidden.body")}</p>
      <Link className="button button--secondary" to="/dashboard">
        {t("app.goHome")}
      </Link>
    </section>
  );
}
