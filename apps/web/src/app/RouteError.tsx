import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { useShellT } from "../i18n";
import { NotFoundPage } from "./NotFoundPage";

/** Last line of defence for render errors, so a broken page never leaves a blank screen. */
export function RouteError() {
  const t = useShellT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" className="page page--message page--standalone">
      <h1>{t("app.error.title")}</h1>
      <p>{t("app.error.generic")}</p>
      <Link className="button button--secondary" to="/dashboard" reloadDocument>
        {t("app.goHome")}
      </Link>
    </main>
  );
}
