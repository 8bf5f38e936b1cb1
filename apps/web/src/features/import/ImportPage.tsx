import {
  IMPORT_ACTIONS,
  IMPORT_FIELDS,
  importRoutes,
  inventoryRoutes,
  mayCall,
  ZId,
} from "@crm/contracts";
import type { TImportAction, TImportLine, TImportRun, TSheetPreview } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import type { MessageKey, Translate } from "../../i18n";
import { api } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatNumber } from "../../lib/format";
import { TextField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import {
  useApplyRun,
  useImportRun,
  useImportRuns,
  useImportSource,
  useLinkSheet,
  useSheetDryRun,
  useTestSheet,
  useUnlinkSheet,
  useUploadFile,
} from "./import.queries";
import "./import.css";

/** `/complexes/:id/import`: link a sheet or upload a file, review the dry run, apply, history. */
export function ImportPage() {
  const { id } = useParams();
  const complexId = ZId.safeParse(id);
  const t = useT();
  if (!complexId.success) return <p className="empty-state">{t("complex.notFound")}</p>;
  return <ImportView key={complexId.data} complexId={complexId.data} />;
}

function ImportView({ complexId }: { complexId: number }) {
  const t = useT();
  const user = useCurrentUser();
  const complex = useQuery({
    queryKey: ["inventory", "complex", complexId],
    queryFn: ({ signal }) => api(inventoryRoutes.getComplex, { params: { id: complexId }, signal }),
  });
  const [openRun, setOpenRun] = useState<number | null>(null);
  const canImport = mayCall(importRoutes.upload, user.role);
  useDocumentTitle(
    complex.data ? t("import.title", { name: complex.data.name }) : t("import.heading"),
  );
  if (complex.isPending) return <Loading />;
  if (complex.isError) return <LoadError error={complex.error} />;

  return (
    <section className="page import-page" aria-labelledby="import-title">
      <header className="page__header">
        <Link to={`/complexes/${complexId}/grid`} className="back-link">
          {t("grid.title", { name: complex.data.name })}
        </Link>
        <h1 id="import-title">{t("import.title", { name: complex.data.name })}</h1>
      </header>
      {canImport ? (
        <div className="import-sources">
          <FileCard complexId={complexId} onStarted={setOpenRun} />
          <SheetCard complexId={complexId} onStarted={setOpenRun} />
        </div>
      ) : null}
      {openRun !== null ? (
        <RunPanel
          key={openRun}
          runId={openRun}
          complexId={complexId}
          onOpen={setOpenRun}
          canApply={canImport}
        />
      ) : null}
      <History complexId={complexId} onOpen={setOpenRun} />
    </section>
  );
}

function FileCard({
  complexId,
  onStarted,
}: {
  complexId: number;
  onStarted: (id: number) => void;
}) {
  const t = useT();
  const upload = useUploadFile(complexId);
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    upload.mutate(file, { onSuccess: (run) => onStarted((run as TImportRun).id) });
  };
  return (
    <form className="card import-card" onSubmit={submit} aria-labelledby="import-file-title">
      <h2 id="import-file-title" className="card__title">
        {t("import.file.title")}
      </h2>
      <p className="muted">{t("import.file.hint")}</p>
      <div className="field">
        <label htmlFor="import-file">{t("import.file.choose")}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      {upload.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, upload.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!file || upload.isPending}
        >
          {t("import.file.upload")}
        </button>
      </div>
    </form>
  );
}

function SheetCard({
  complexId,
  onStarted,
}: {
  complexId: number;
  onStarted: (id: number) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const source = useImportSource(complexId);
  const link = useLinkSheet(complexId);
  const unlink = useUnlinkSheet(complexId);
  const test = useTestSheet(complexId);
  const dryRun = useSheetDryRun(complexId);
  const [edited, setEdited] = useState<{
    spreadsheet: string;
    worksheet: string;
    headerRow: string;
    syncEnabled: boolean;
  } | null>(null);
  if (source.isPending) return <Loading />;
  if (source.isError) return <LoadError error={source.error} />;
  const saved = source.data;
  const values = edited ?? {
    spreadsheet: saved.spreadsheetId ?? "",
    worksheet: saved.worksheet ?? "",
    headerRow: String(saved.headerRow),
    syncEnabled: saved.syncEnabled,
  };
  const set = (patch: Partial<typeof values>) => setEdited({ ...values, ...patch });
  const body = {
    spreadsheet: values.spreadsheet,
    worksheet: values.worksheet,
    headerRow: Number(values.headerRow) || 1,
    mapping: saved.mapping,
    syncEnabled: values.syncEnabled,
  };
  const failure = [link, unlink, test, dryRun].find((m) => m.isError)?.error;
  return (
    <form
      className="card import-card"
      aria-labelledby="import-sheet-title"
      onSubmit={(event) => {
        event.preventDefault();
        link.mutate(body, { onSuccess: () => setEdited(null) });
      }}
    >
      <h2 id="import-sheet-title" className="card__title">
        {t("import.sheet.title")}
      </h2>
      {saved.googleConfigured ? (
        <p className="muted">
          {t("import.sheet.hint", { email: saved.serviceAccountEmail ?? "" })}
        </p>
      ) : (
        <p className="muted">{t("import.sheet.notConfigured")}</p>
      )}
      <TextField
        label={t("import.sheet.spreadsheet")}
        value={values.spreadsheet}
        onChange={(event) => set({ spreadsheet: event.target.value })}
        required
      />
      <div className="import-card__row">
        <TextField
          label={t("import.sheet.worksheet")}
          value={values.worksheet}
          onChange={(event) => set({ worksheet: event.target.value })}
        />
        <TextField
          label={t("import.sheet.headerRow")}
          type="number"
          min={1}
          max={1000}
          value={values.headerRow}
          onChange={(event) => set({ headerRow: event.target.value })}
        />
      </div>
      <label className="chip">
        <input
          type="checkbox"
          checked={values.syncEnabled}
          onChange={(event) => set({ syncEnabled: event.target.checked })}
        />
        {t("import.sheet.sync")}
      </label>
      {saved.lastStatus ? (
        <p className={saved.lastStatus === "failed" ? "alert alert--error" : "muted"}>
          {t("import.sheet.lastSync", {
            when: saved.lastSyncAt ? formatDateTime(saved.lastSyncAt, locale) : "—",
            status: saved.lastError ?? t(`import.run.status.${saved.lastStatus}`),
          })}
        </p>
      ) : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, failure)}
        </p>
      ) : null}
      {link.isSuccess && !edited ? <Notice>{t("import.sheet.saved")}</Notice> : null}
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={!values.spreadsheet || test.isPending}
          onClick={() => test.mutate(body)}
        >
          {t("import.sheet.test")}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={!values.spreadsheet || link.isPending}
        >
          {t("import.sheet.save")}
        </button>
        {saved.spreadsheetId ? (
          <>
            <button
              type="button"
              className="button button--primary"
              disabled={dryRun.isPending}
              onClick={() =>
                dryRun.mutate(undefined, { onSuccess: (run) => onStarted((run as TImportRun).id) })
              }
            >
              {t("import.sheet.dryRun")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => unlink.mutate(undefined, { onSuccess: () => setEdited(null) })}
            >
              {t("import.sheet.unlink")}
            </button>
          </>
        ) : null}
      </div>
      {test.data ? <Preview preview={test.data} /> : null}
    </form>
  );
}

function Preview({ preview }: { preview: TSheetPreview }) {
  const t = useT();
  return (
    <div className="import-preview">
      <p>
        <strong>
          {t("import.sheet.preview", { title: preview.title, worksheet: preview.worksheet })}
        </strong>
      </p>
      {preview.missing.length > 0 ? (
        <p className="alert alert--error">
          {t("import.sheet.missing", {
            fields: preview.missing.map((f) => t(`import.field.${f}`)).join(", "),
          })}
        </p>
      ) : null}
      <dl className="import-preview__mapping">
        {IMPORT_FIELDS.map((field) => (
          <div key={field}>
            <dt>{t(`import.field.${field}`)}</dt>
            <dd>{preview.mapping[field] ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <div
        className="import-preview__rows"
        role="region"
        aria-label={t("import.sheet.title")}
        tabIndex={-1}
      >
        <table>
          <thead>
            <tr>
              {preview.headers.map((header, i) => (
                <th key={i}>{header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {preview.headers.map((_, c) => (
                  <td key={c}>{row[c] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RunPanel({
  runId,
  complexId,
  onOpen,
  canApply,
}: {
  runId: number;
  complexId: number;
  onOpen: (id: number) => void;
  canApply: boolean;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const [action, setAction] = useState<TImportAction>("create");
  const [limit, setLimit] = useState(100);
  const [confirming, setConfirming] = useState(false);
  const detail = useImportRun(runId, action, limit);
  const apply = useApplyRun(complexId);
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const { run, lines, nextCursor } = detail.data;
  const running = run.status === "queued" || run.status === "running";
  const applicable =
    canApply &&
    run.kind === "dry-run" &&
    run.status === "succeeded" &&
    run.appliedRunId === null &&
    run.counts.create + run.counts.update > 0;
  return (
    <section className="card import-run" aria-labelledby="import-run-title">
      <h2 id="import-run-title" className="card__title">
        {t("import.run.title", { id: run.id })} · {t(`import.run.kind.${run.kind}`)} ·{" "}
        <span className={`badge import-status--${run.status}`}>
          {t(`import.run.status.${run.status}`)}
        </span>
      </h2>
      {run.fileName ? <p className="muted">{run.fileName}</p> : null}
      {running ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {t("import.run.progress", {
            read: formatNumber(run.progress.rowsRead, locale),
            validated: formatNumber(run.progress.rowsValidated, locale),
            applied: formatNumber(run.progress.rowsApplied, locale),
            total: formatNumber(run.progress.rowsTotal, locale),
          })}
        </p>
      ) : null}
      {run.error ? (
        <p className="alert alert--error" role="alert">
          {run.error}
        </p>
      ) : null}
      {run.appliedRunId !== null ? (
        <p className="muted">
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => onOpen(run.appliedRunId!)}
          >
            {t("import.run.applied", { id: run.appliedRunId })}
          </button>
        </p>
      ) : null}
      {run.status === "succeeded" || run.kind === "apply" ? (
        <>
          <div className="tabs" role="tablist" aria-label={t("import.heading")}>
            {IMPORT_ACTIONS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={action === name}
                className={`tabs__tab${(name === "rejected" || name === "conflict") && run.counts[name] > 0 ? " tabs__tab--alert" : ""}`}
                onClick={() => {
                  setAction(name);
                  setLimit(100);
                }}
              >
                {t(`import.action.${name}`)}{" "}
                <span className="tabs__count">{formatNumber(run.counts[name], locale)}</span>
              </button>
            ))}
          </div>
          <div className="tabs__panel" role="tabpanel">
            {lines.length === 0 ? (
              <p className="muted">{t("import.run.noLines")}</p>
            ) : (
              <ul className="import-lines">
                {lines.map((line) => (
                  <li key={line.row}>
                    <span className="import-lines__row">{t("import.row", { row: line.row })}</span>
                    {line.label ? <strong>{line.label}</strong> : null}
                    {line.reason ? (
                      <span className="import-lines__reason">{reasonText(t, line)}</span>
                    ) : null}
                    {line.changes
                      ? Object.entries(line.changes).map(([field, change]) => (
                          <span key={field} className="import-lines__change">
                            {field}: {String(change.from ?? "—")} → {String(change.to ?? "—")}
                          </span>
                        ))
                      : null}
                  </li>
                ))}
              </ul>
            )}
            {nextCursor !== null ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setLimit(limit + 100)}
              >
                {t("import.run.more")}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {apply.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, apply.error)}
        </p>
      ) : null}
      {applicable ? (
        confirming ? (
          <div className="import-confirm" role="alertdialog" aria-label={t("import.run.apply")}>
            <p>
              {t("import.run.confirm", { create: run.counts.create, update: run.counts.update })}
            </p>
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary"
                disabled={apply.isPending}
                onClick={() =>
                  apply.mutate(run.id, { onSuccess: (next) => onOpen((next as TImportRun).id) })
                }
              >
                {t("import.run.confirmYes")}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setConfirming(false)}
              >
                {t("import.run.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => setConfirming(true)}
            >
              {t("import.run.apply")}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}

const REASON_CODES = new Set([
  "cell_error",
  "missing_value",
  "not_a_number",
  "not_integer",
  "negative",
  "zero",
  "out_of_range",
  "invalid_text",
  "unknown_status",
  "unknown_currency",
  "duplicate",
  "taken",
  "occupied",
  "status_locked",
  "status_in_crm",
]);
const FIELDS = new Set<string>(IMPORT_FIELDS);

/** A report line's reason in the reader's language (the API's English words otherwise). */
function reasonText(t: Translate, line: TImportLine): string {
  if (!line.code || !REASON_CODES.has(line.code)) return line.reason ?? "";
  const field =
    line.field && FIELDS.has(line.field)
      ? t(`import.field.${line.field as (typeof IMPORT_FIELDS)[number]}`)
      : "";
  const value =
    line.code === "status_locked" || line.code === "status_in_crm"
      ? t(`flat.status.${line.value as "FREE"}`)
      : (line.value ?? "");
  return t(`import.reason.${line.code}` as MessageKey, { field, value });
}

function History({ complexId, onOpen }: { complexId: number; onOpen: (id: number) => void }) {
  const t = useT();
  const { locale } = useLanguage();
  const runs = useImportRuns(complexId);
  return (
    <section className="card" aria-labelledby="import-history-title">
      <h2 id="import-history-title" className="card__title">
        {t("import.history")}
      </h2>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <LoadError error={runs.error} />
      ) : runs.data.items.length === 0 ? (
        <p className="muted">{t("import.history.empty")}</p>
      ) : (
        <ul className="import-history">
          {runs.data.items.map((run) => (
            <li key={run.id}>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => onOpen(run.id)}
              >
                {t("import.run.title", { id: run.id })}
              </button>{" "}
              {t(`import.run.kind.${run.kind}`)} · {run.fileName ?? t("import.sheet.title")} ·{" "}
              <span className={`badge import-status--${run.status}`}>
                {t(`import.run.status.${run.status}`)}
              </span>{" "}
              <span className="muted">
                {formatDateTime(run.createdAt, locale)}
                {run.requestedBy ? ` · ${run.requestedBy}` : ""}
                {run.status === "succeeded"
                  ? ` · +${run.counts.create} ~${run.counts.update} =${run.counts.unchanged} ✕${run.counts.rejected} !${run.counts.conflict}`
                  : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
