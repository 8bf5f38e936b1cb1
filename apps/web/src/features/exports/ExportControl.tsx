import { mayExport } from "@crm/contracts";
import type { TCreateExportRequest, TExport, TExportFormat } from "@crm/contracts";
import { useEffect, useId, useState } from "react";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { exportFileUrl, useExport, useStartExport } from "./exports.queries";
import "./exports.css";

/**
 * The "Экспорт" button of a page: starts the page's report with what the page shows (its
 * filters), shows the job's progress, then offers the file. Any page adds a report with one
 * line: `<ExportControl request={{ kind, params }} />`.
 */
export function ExportControl({ request }: { request: Omit<TCreateExportRequest, "format"> }) {
  const t = useT();
  const user = useCurrentUser();
  const formatId = useId();
  const [format, setFormat] = useState<TExportFormat>("xlsx");
  const [exportId, setExportId] = useState<number | null>(null);
  const start = useStartExport();
  const current = useExport(exportId);
  const key = JSON.stringify(request);
  // Other filters are another report: the previous result no longer describes the page.
  useEffect(() => setExportId(null), [key]);

  const onStart = () =>
    start.mutate({ ...request, format } as TCreateExportRequest, {
      onSuccess: (created) => setExportId(created.id),
    });
  const item = current.data;
  if (!mayExport(request.kind, user.role)) return null;
  const busy =
    start.isPending ||
    (item !== undefined && (item.status === "queued" || item.status === "running"));

  return (
    <div className="export-control" role="group" aria-label={t("exports.start")}>
      <label className="export-control__format" htmlFor={formatId}>
        <span className="visually-hidden">{t("exports.format")}</span>
        <select
          id={formatId}
          value={format}
          onChange={(event) => setFormat(event.target.value as TExportFormat)}
          disabled={busy}
        >
          <option value="xlsx">XLSX</option>
          <option value="csv">CSV</option>
        </select>
      </label>
      <button type="button" className="button button--secondary" onClick={onStart} disabled={busy}>
        {t("exports.start")}
      </button>
      {start.isError ? (
        <p className="export-control__status alert alert--error" role="alert">
          {errorMessage(t, start.error)}
        </p>
      ) : item ? (
        <ExportState item={item} />
      ) : null}
    </div>
  );
}

export function ExportState({ item }: { item: TExport }) {
  const t = useT();
  if (item.status === "queued" || item.status === "running") {
    return (
      <p className="export-control__status" role="status">
        <progress max={100} value={item.progress} aria-label={t("exports.format")} />{" "}
        {item.status === "queued"
          ? t("exports.queued")
          : t("exports.running", { progress: item.progress })}
      </p>
    );
  }
  if (item.status === "ready" && item.fileName) {
    return (
      <p className="export-control__status" role="status">
        <a className="export-control__file" href={exportFileUrl(item.id)} download={item.fileName}>
          {t("exports.download", { file: item.fileName })}
        </a>{" "}
        <Link to="/exports">{t("exports.all")}</Link>
      </p>
    );
  }
  if (item.status === "failed") {
    return (
      <p className="export-control__status alert alert--error" role="alert">
        {t("exports.failed", { error: item.error ?? "" })}
      </p>
    );
  }
  return (
    <p className="export-control__status muted" role="status">
      {t("exports.expired")}
    </p>
  );
}
