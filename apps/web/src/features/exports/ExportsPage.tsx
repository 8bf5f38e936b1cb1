import type { TExportStatus } from "@crm/contracts";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatDateTime, formatNumber } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { ExportState } from "./ExportControl";
import { useMyExports } from "./exports.queries";
import "./exports.css";

const STATUS_BADGE: Record<TExportStatus, string> = {
  queued: "badge--muted",
  running: "badge--muted",
  ready: "badge--ok",
  failed: "badge--danger",
  expired: "badge--off",
};

const size = (bytes: number, locale: string) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`
    : `${formatNumber(Math.round(bytes / 104_857.6) / 10, locale)} MB`;

/** "Мои выгрузки": the user's recent exports, their state, the file while it is kept. */
export function ExportsPage() {
  const t = useT();
  const { locale } = useLanguage();
  useDocumentTitle(t("exports.title"));
  const exports = useMyExports();

  return (
    <section className="page page--narrow" aria-labelledby="exports-title">
      <header className="page__header">
        <h1 id="exports-title">{t("exports.title")}</h1>
        <p className="muted">{t("exports.intro")}</p>
      </header>
      {exports.isPending ? (
        <Loading />
      ) : exports.isError ? (
        <LoadError error={exports.error} onRetry={() => void exports.refetch()} />
      ) : exports.data.items.length === 0 ? (
        <p className="empty-state">{t("exports.empty")}</p>
      ) : (
        <ul className="export-list">
          {exports.data.items.map((item) => (
            <li key={item.id} className="panel export-list__item">
              <div className="export-list__head">
                <h2 className="export-list__title">
                  {t(`exports.kind.${item.kind}` as MessageKey)}{" "}
                  <span className="badge">{item.format.toUpperCase()}</span>
                </h2>
                <span className={`badge ${STATUS_BADGE[item.status]}`}>
                  {t(`exports.status.${item.status}` as MessageKey)}
                </span>
              </div>
              <dl className="export-list__meta">
                <div>
                  <dt className="muted">{t("exports.col.created")}</dt>
                  <dd>{formatDateTime(item.createdAt, locale)}</dd>
                </div>
                {item.status === "ready" && item.expiresAt ? (
                  <div>
                    <dt className="muted">{t("exports.col.expires")}</dt>
                    <dd>{formatDateTime(item.expiresAt, locale)}</dd>
                  </div>
                ) : null}
                {item.rows !== null && item.size !== null ? (
                  <div>
                    <dt className="muted">{t("exports.col.file")}</dt>
                    <dd>
                      {t("exports.rows", {
                        rows: formatNumber(item.rows, locale),
                        size: size(item.size, locale),
                      })}
                    </dd>
                  </div>
                ) : null}
              </dl>
              <ExportState item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
