import {
  MAX_IMPORT_FILE_BYTES,
  ZImportMapping,
  type TImportAction,
  type TImportMapping,
  type TImportRun,
  type TImportRunDetail,
} from "@crm/contracts";
import { dbProvider, type Db, type ImportRunModel } from "@crm/db";
import type { Actor } from "../access";
import { audit, type AuditActor } from "../audit";
import { AppError, notFound } from "../errors";
import { readSettings } from "../settings/settings";
import { applyConflict, applyPlan, IMPORT_TRANSACTION } from "./apply";
import { fileKind, looksLikeXlsx, parseCsv, parseXlsx, type SheetTable } from "./parse";
import { planImport, SheetRefused, type ImportPlan, type PlanLine } from "./plan";
import { readSheet, type SheetsConfig } from "./sheets";

export interface ImportDeps {
  sheets: SheetsConfig;
  now?: () => Date;
}

interface StoredReport {
  mapping: TImportMapping;
  lines: PlanLine[];
}

function toRun(row: ImportRunModel, requestedBy: string | null): TImportRun {
  return {
    id: row.id,
    complexId: row.complexId,
    kind: row.kind as TImportRun["kind"],
    source: row.source as TImportRun["source"],
    fileName: row.fileName,
    status: row.status as TImportRun["status"],
    stage: row.stage as TImportRun["stage"],
    progress: {
      rowsTotal: row.rowsTotal,
      rowsRead: row.rowsRead,
      rowsValidated: row.rowsValidated,
      rowsApplied: row.rowsApplied,
    },
    counts: {
      create: row.created,
      update: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
      conflict: row.conflicts,
    },
    error: row.error,
    dryRunId: row.dryRunId,
    appliedRunId: row.appliedRunId,
    requestedBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Runs as the API answers them, with the requester's name. */
async function viewRuns(db: Db, rows: ImportRunModel[]): Promise<TImportRun[]> {
  const ids = [...new Set(rows.map((row) => row.requestedById).filter((id) => id !== null))];
  const users = ids.length
    ? await db.user.findMany({
        where: { id: { in: ids } },
        select: { id: true, firstName: true, lastName: true },
      })
    : [];
  const names = new Map(users.map((u) => [u.id, `${u.firstName} ${u.lastName}`.trim()]));
  return rows.map((row) =>
    toRun(row, row.requestedById ? (names.get(row.requestedById) ?? null) : null),
  );
}

async function complexOrNotFound(db: Db, complexId: number) {
  const complex = await db.complex.findUnique({
    where: { id: complexId },
    select: { id: true, currency: true },
  });
  if (!complex) throw notFound("Complex");
  return complex;
}

// ── Starting runs ──────────────────────────────────────────────────────────────────────────

/** Stores an uploaded CSV/XLSX and records its dry run; the caller enqueues the job. */
export async function startFileDryRun(
  db: Db,
  actor: Actor,
  complexId: number,
  file: { name: string; mediaType: string | undefined; bytes: Uint8Array },
): Promise<TImportRun> {
  await complexOrNotFound(db, complexId);
  if (file.bytes.length === 0) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "The file is empty",
      errors: [{ path: "body", message: "Empty file", code: "empty" }],
    });
  }
  if (file.bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      detail: `Files up to ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB are imported`,
    });
  }
  const kind = looksLikeXlsx(file.bytes) ? "xlsx" : fileKind(file.name, file.mediaType);
  if (kind === null || (kind === "xlsx" && !looksLikeXlsx(file.bytes))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      detail: "Upload a CSV (comma or semicolon separated) or an XLSX file",
    });
  }
  const row = await db.$transaction(async (tx) => {
    const run = await tx.importRun.create({
      data: {
        complexId,
        kind: "dry-run",
        source: kind,
        fileName: file.name,
        requestedById: actor.id,
      },
    });
    await tx.importFile.create({
      data: { runId: run.id, name: file.name, data: Buffer.from(file.bytes) },
    });
    return run;
  });
  return (await viewRuns(db, [row]))[0]!;
}

/** Records a dry run of the complex's linked sheet; the caller enqueues the job. */
export async function startSheetDryRun(
  db: Db,
  actor: Actor,
  complexId: number,
): Promise<TImportRun> {
  await complexOrNotFound(db, complexId);
  const source = await db.importSource.findUnique({ where: { complexId } });
  if (!source?.spreadsheetId) {
    throw new AppError("CONFLICT", { detail: "No spreadsheet is linked to this complex" });
  }
  const row = await db.importRun.create({
    data: { complexId, kind: "dry-run", source: "sheet", requestedById: actor.id },
  });
  return (await viewRuns(db, [row]))[0]!;
}

/**
 * Records the apply of a finished dry run. A plan is applied once; a dry run that failed, or one
 * whose apply is already under way or done, is refused.
 */
export async function startApply(db: Db, actor: Actor, dryRunId: number): Promise<TImportRun> {
  const dryRun = await db.importRun.findUnique({ where: { id: dryRunId } });
  if (!dryRun) throw notFound("Import");
  if (dryRun.kind !== "dry-run") {
    throw new AppError("CONFLICT", { detail: "Only a dry run is applied" });
  }
  if (dryRun.status !== "succeeded") {
    throw new AppError("CONFLICT", {
      detail:
        dryRun.status === "failed"
          ? "This dry run failed; nothing to apply"
          : "The dry run has not finished yet",
    });
  }
  const pending = await db.importRun.findFirst({
    where: { dryRunId, status: { in: ["queued", "running", "succeeded"] } },
    select: { id: true },
  });
  if (dryRun.appliedRunId !== null || pending) {
    throw new AppError("CONFLICT", { detail: "This dry run is already applied or being applied" });
  }
  const row = await db.importRun.create({
    data: {
      complexId: dryRun.complexId,
      kind: "apply",
      source: dryRun.source,
      fileName: dryRun.fileName,
      dryRunId,
      rowsTotal: dryRun.rowsTotal,
      requestedById: actor.id,
    },
  });
  return (await viewRuns(db, [row]))[0]!;
}

// ── Reading runs ───────────────────────────────────────────────────────────────────────────

export async function listRuns(db: Db, complexId: number): Promise<{ items: TImportRun[] }> {
  await complexOrNotFound(db, complexId);
  const rows = await db.importRun.findMany({
    where: { complexId },
    orderBy: { id: "desc" },
    take: 50,
  });
  return { items: await viewRuns(db, rows) };
}

function readReport(text: string | null): StoredReport | null {
  if (!text) return null;
  const parsed = JSON.parse(text) as StoredReport;
  return { mapping: ZImportMapping.catch({}).parse(parsed.mapping), lines: parsed.lines ?? [] };
}

/** A run with one page of its report's lines (an apply shows its dry run's plan). */
export async function getRun(
  db: Db,
  id: number,
  query: { action?: TImportAction; cursor?: number; limit: number },
): Promise<TImportRunDetail> {
  const row = await db.importRun.findUnique({ where: { id } });
  if (!row) throw notFound("Import");
  let reportText = row.report;
  if (row.kind === "apply" && row.dryRunId !== null) {
    reportText =
      (await db.importRun.findUnique({ where: { id: row.dryRunId }, select: { report: true } }))
        ?.report ?? null;
  }
  const report = readReport(reportText);
  const matching = (report?.lines ?? []).filter(
    (line) =>
      (query.action === undefined || line.action === query.action) &&
      (query.cursor === undefined || line.row > query.cursor),
  );
  const page = matching.slice(0, query.limit);
  return {
    run: (await viewRuns(db, [row]))[0]!,
    mapping: report?.mapping ?? null,
    lines: page.map((line) => ({
      row: line.row,
      action: line.action,
      key: line.key,
      flatId: line.flatId,
      label: line.label,
      reason: line.reason,
      code: line.code ?? null,
      field: line.field ?? null,
      value: line.value ?? null,
      changes: line.changes,
    })),
    nextCursor: matching.length > query.limit ? page[page.length - 1]!.row : null,
  };
}

// ── Running ────────────────────────────────────────────────────────────────────────────────

const progress = (db: Db, id: number, data: Partial<ImportRunModel>) =>
  db.importRun.update({ where: { id }, data });

const countsOf = (plan: ImportPlan) => ({
  created: plan.counts.create,
  updated: plan.counts.update,
  unchanged: plan.counts.unchanged,
  rejected: plan.counts.rejected,
  conflicts: plan.counts.conflict,
});

async function readTable(
  db: Db,
  run: ImportRunModel,
  source: { spreadsheetId: string | null; worksheet: string | null } | null,
  deps: ImportDeps,
  maxRows: number,
  headerRow: number,
): Promise<SheetTable> {
  if (run.source === "sheet") {
    if (!source?.spreadsheetId) throw new SheetRefused("No spreadsheet is linked to this complex");
    // One row past the limit is enough to know the sheet is over it.
    return readSheet(deps.sheets, source.spreadsheetId, source.worksheet, {
      maxRows: headerRow + maxRows + 1,
    });
  }
  const file = await db.importFile.findUnique({ where: { runId: run.id } });
  if (!file) throw new SheetRefused("The uploaded file is no longer stored; upload it again");
  const bytes = new Uint8Array(file.data);
  return run.source === "xlsx" ? parseXlsx(bytes) : parseCsv(bytes);
}

/** Why a run failed, in words for its report: our refusals and Google's answers, never a stack. */
function failureText(error: unknown): string | null {
  if (error instanceof SheetRefused) return error.message;
  if (error instanceof AppError) return error.detail ?? error.message;
  const message = error instanceof Error ? error.message : "";
  if (/zip|end of central directory|corrupt/i.test(message)) {
    return "The file is not a readable XLSX workbook";
  }
  return null;
}

/**
 * Carries out one recorded run (the job handler calls this): a dry run reads and plans, an
 * apply writes its dry run's plan, a sync does both. A finished run is left as it is, so a
 * repeated job changes nothing twice. The run's own row records progress and the outcome; an
 * apply marks itself done in the same transaction as its writes.
 */
export async function executeRun(db: Db, runId: number, deps: ImportDeps): Promise<TImportRun> {
  const now = deps.now ?? (() => new Date());
  const run = await db.importRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound("Import");
  if (run.status === "succeeded" || run.status === "failed") return (await viewRuns(db, [run]))[0]!;
  await progress(db, run.id, { status: "running", startedAt: now(), error: null });
  const actor: AuditActor = { id: run.requestedById, requestId: `import:${run.id}` };
  try {
    if (run.kind === "apply") {
      await applyDryRun(db, run, actor, now);
    } else {
      const complex = await complexOrNotFound(db, run.complexId);
      const source = await db.importSource.findUnique({ where: { complexId: run.complexId } });
      const settings = await readSettings(db, ["import.maxRows"]);
      const maxRows = settings["import.maxRows"];
      const headerRow = run.source === "sheet" ? (source?.headerRow ?? 1) : 1;
      await progress(db, run.id, { stage: "reading" });
      const table = await readTable(db, run, source, deps, maxRows, headerRow);
      const rowsTotal = Math.max(table.rows.length - headerRow, 0);
      await progress(db, run.id, { stage: "validating", rowsTotal, rowsRead: rowsTotal });
      const plan = await planImport(db, {
        complexId: run.complexId,
        currency: complex.currency,
        table,
        headerRow,
        mapping: ZImportMapping.catch({}).parse(JSON.parse(source?.mapping ?? "{}")),
        maxRows,
      });
      const report = JSON.stringify({
        mapping: plan.mapping,
        lines: plan.lines,
      } satisfies StoredReport);
      if (run.kind === "dry-run") {
        await db.$transaction([
          db.importRun.update({
            where: { id: run.id },
            data: {
              status: "succeeded",
              stage: "done",
              rowsTotal: plan.rowsRead,
              rowsRead: plan.rowsRead,
              rowsValidated: plan.rowsRead,
              ...countsOf(plan),
              report,
              finishedAt: now(),
            },
          }),
          db.importFile.deleteMany({ where: { runId: run.id } }),
        ]);
      } else {
        await progress(db, run.id, {
          stage: "applying",
          rowsTotal: plan.rowsRead,
          rowsRead: plan.rowsRead,
          rowsValidated: plan.rowsRead,
          ...countsOf(plan),
          report,
        });
        await db.$transaction(async (tx) => {
          const result = await applyPlan(tx, dbProvider(db), actor, run.complexId, plan.lines);
          await finishApply(tx, run, result, plan.rowsRead, now, null);
          await tx.importSource.updateMany({
            where: { complexId: run.complexId },
            data: {
              lastSyncAt: now(),
              lastStatus: "succeeded",
              lastError: null,
              lastRunId: run.id,
            },
          });
        }, IMPORT_TRANSACTION);
      }
    }
  } catch (caught) {
    const error = applyConflict(caught);
    const text =
      failureText(error) ?? "The import stopped on an unexpected error (see the server log)";
    await progress(db, run.id, { status: "failed", stage: "done", error: text, finishedAt: now() });
    await db.importFile.deleteMany({ where: { runId: run.id } });
    if (run.kind === "sync") {
      // The flats keep their last good state; the complex shows why this sync did not happen.
      await db.importSource.updateMany({
        where: { complexId: run.complexId },
        data: { lastSyncAt: now(), lastStatus: "failed", lastError: text, lastRunId: run.id },
      });
    }
    // Ours and Google's refusals are the run's outcome; anything else is also the job's failure.
    if (failureText(error) === null) throw error;
  }
  return (
    await viewRuns(db, [await db.importRun.findUniqueOrThrow({ where: { id: run.id } })])
  )[0]!;
}

async function finishApply(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  run: ImportRunModel,
  result: { created: number; updated: number },
  rows: number,
  now: () => Date,
  dryRunId: number | null,
) {
  await tx.importRun.update({
    where: { id: run.id },
    data: { status: "succeeded", stage: "done", rowsApplied: rows, finishedAt: now() },
  });
  await audit(
    tx,
    { id: run.requestedById, requestId: `import:${run.id}` },
    {
      action: "import.apply",
      entityId: run.complexId,
      after: { runId: run.id, dryRunId, source: run.source, ...result },
    },
  );
}

async function applyDryRun(db: Db, run: ImportRunModel, actor: AuditActor, now: () => Date) {
  const dryRun = run.dryRunId
    ? await db.importRun.findUnique({ where: { id: run.dryRunId } })
    : null;
  const report = readReport(dryRun?.report ?? null);
  if (!dryRun || !report) throw new SheetRefused("The dry run to apply is gone");
  await progress(db, run.id, {
    stage: "applying",
    rowsTotal: dryRun.rowsTotal,
    rowsRead: dryRun.rowsRead,
    rowsValidated: dryRun.rowsValidated,
    created: dryRun.created,
    updated: dryRun.updated,
    unchanged: dryRun.unchanged,
    rejected: dryRun.rejected,
    conflicts: dryRun.conflicts,
  });
  await db.$transaction(async (tx) => {
    // Claimed inside the transaction: of two applies of one plan, one writes.
    const claimed = await tx.importRun.updateMany({
      where: { id: dryRun.id, appliedRunId: null },
      data: { appliedRunId: run.id },
    });
    if (claimed.count === 0) throw new SheetRefused("This dry run is already applied");
    const result = await applyPlan(tx, dbProvider(db), actor, run.complexId, report.lines);
    await finishApply(tx, run, result, dryRun.rowsRead, now, dryRun.id);
  }, IMPORT_TRANSACTION);
}
