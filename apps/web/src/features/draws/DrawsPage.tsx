import type { TPrizeDrawStatus } from "@crm/contracts";
import { Link } from "react-router";
import type { MessageKey, Translate } from "../../i18n";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { LoadError, Loading } from "../../ui/Status";
import { CreateDrawForm } from "./CreateDrawForm";
import { useDraws } from "./draws.queries";
import "./draws.css";

export const drawStatusLabel = (t: Translate, status: TPrizeDrawStatus) =>
  t(`draws.status.${status}` as MessageKey);

export function useDateTime() {
  const { locale } = useLanguage();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  return (iso: string) => format.format(new Date(iso));
}

/** `/admin/draws` (ADMIN): prize draws and the form for a new one. */
export function DrawsPage() {
  const t = useT();
  useDocumentTitle(t("draws.title"));
  const draws = useDraws();
  const when = useDateTime();
  return (
    <section className="page draws-page" aria-labelledby="draws-title">
      <header className="page__header">
        <h1 id="draws-title">{t("draws.title")}</h1>
        <p className="muted">{t("draws.intro")}</p>
      </header>
      {draws.isPending ? (
        <Loading />
      ) : draws.isError ? (
        <LoadError error={draws.error} onRetry={() => void draws.refetch()} />
      ) : draws.data.items.length === 0 ? (
        <p className="muted">{t("draws.empty")}</p>
      ) : (
        <ul className="cards draws-list" aria-label={t("draws.title")}>
          {draws.data.items.map((draw) => (
            <li key={draw.id} className="card">
              <h2 className="draws-list__title">
                <Link to={`/admin/draws/${draw.id}`}>{draw.title}</Link>
              </h2>
              <p>
                <span className={`badge draws-status draws-status--${draw.status.toLowerCase()}`}>
                  {drawStatusLabel(t, draw.status)}
                </span>
              </p>
              <p className="muted">
                {t("draws.window", { from: when(draw.entryOpensAt), to: when(draw.entryClosesAt) })}
              </p>
              <p className="muted">{t("draws.entries", { n: draw.entriesCount })}</p>
            </li>
          ))}
        </ul>
      )}
      <CreateDrawForm />
    </section>
  );
}
