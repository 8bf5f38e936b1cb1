import fs from "node:fs";
import path from "node:path";
import {
  exportKinds,
  mayExport,
  type TCreateExportRequest,
  type TExport,
  type TExportFormat,
  type TExportKind,
  type TExportStatus,
  type TRoleCode,
  type ZCreateExportRequest,
} from "@crm/contracts";
import type { Db, ExportModel, SqlReader } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { checkLeadFilters } from "../leads/leads.service";
import { notify } from "../notifications/notifications";
import { readSettings } from "../settings/settings";
import { writeCsv, writeXlsx } from "./files";
import { REPORTS, type ReportLanguage } from "./reports";

export type { TCreateExportRequest };

const HOUR = 3_600_000;
/** How many of a user's exports the list shows. */
const RECENT = 50;

const parseParams = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function toExport(row: ExportModel): TExport {
  return {
    id: row.id,
    kind: row.kind as TExportKind,
    format: row.format as TExportFormat,
    params: parseParams(row.params),
    status: row.status as TExportStatus,
    progress: row.progress,
    rows: row.rows,
    fileName: row.fileName,
    size: row.size,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/**
 * Records a report request; the caller enqueues `generate-export` with the returned id. Who may
 * ask for a kind is the contracts' rule (the roles of the page it belongs to); what the report
 * holds is decided when it is built, by the same visibility as the page.
 */
export async function requestExport(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateExportRequest>,
): Promise<TExport> {
  if (!mayExport(input.kind, actor.role))
    throw new AppError("FORBIDDEN", { detail: "Your role may not export this report" });
  if (input.kind === "leads") checkLeadFilters(actor, input.params);
  if (input.kind === "grid") {
    const complex = await db.complex.findUnique({ where: { id: input.params.complexId } });
    if (!complex) throw notFound("Complex");
  }
  const row = await db.$transaction(async (tx) => {
    const created = await tx.export.create({
      data: {
        userId: actor.id,
        kind: input.kind,
        format: input.format,
        params: JSON.stringify(input.params),
      },
    });
    await audit(tx, actor, {
      action: "export.create",
      entityId: created.id,
      after: { kind: input.kind, format: input.format, params: input.params },
    });
    return created;
  });
  return toExport(row);
}

export async function listMyExports(db: Db, actor: Actor) {
  const rows = await db.export.findMany({
    where: { userId: actor.id },
    orderBy: { id: "desc" },
    take: RECENT,
  });
  return { items: rows.map(toExport) };
}

/** Someone else's export is reported missing, so its existence does not leak. */
async function ownExport(db: Db, actor: Actor, id: number) {
  const row = await db.export.findUnique({ where: { id } });
  if (!row || row.userId !== actor.id) throw notFound("Export");
  return row;
}

export async function getMyExport(db: Db, actor: Actor, id: number) {
  return toExport(await ownExport(db, actor, id));
}

const CONTENT_TYPES: Record<TExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** The file to send: only to its owner, only while it is ready and not expired. */
export async function exportFile(db: Db, actor: Actor, id: number, now = new Date()) {
  const row = await ownExport(db, actor, id);
  const gone = () => new AppError("GONE", { detail: "The file has expired; export it again" });
  if (row.status === "expired" || (row.expiresAt && row.expiresAt <= now)) throw gone();
  if (row.status !== "ready" || !row.filePath || !row.fileName)
    throw new AppError("CONFLICT", { detail: `The export is ${row.status}, not ready` });
  const stat = await fs.promises.stat(row.filePath).catch(() => null);
  if (!stat) throw gone();
  return {
    filePath: row.filePath,
    fileName: row.fileName,
    size: stat.size,
    contentType: CONTENT_TYPES[row.format as TExportFormat] ?? "application/octet-stream",
  };
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const stamp = (now: Date) => {
  const local = new Date(now.getTime() + 5 * HOUR).toISOString();
  return `${local.slice(0, 10)}-${local.slice(11, 13)}${local.slice(14, 16)}`;
};

export interface GenerateOptions {
  reader: SqlReader;
  exportDir: string;
  now?: () => Date;
}

/**
 * Builds one export: reads the report with its owner's visibility, writes the file, marks the
 * export ready with its expiry and tells the owner (`export.ready`, which is also emailed). A
 * retried run starts over and overwrites its own file; a finished export is left alone.
 */
export async function generateExport(db: Db, exportId: number, options: GenerateOptions) {
  const clock = options.now ?? (() => new Date());
  const row = await db.export.findUnique({ where: { id: exportId } });
  if (!row) throw notFound("Export");
  if (row.status !== "queued" && row.status !== "running") return { status: row.status };
  const user = await db.user.findUnique({
    where: { id: row.userId },
    select: {
      id: true,
      login: true,
      isActive: true,
      language: true,
      role: { select: { code: true } },
    },
  });
  if (!user?.isActive)
    throw new AppError("FORBIDDEN", { detail: "The export's owner is inactive" });
  const actor: Actor = { id: user.id, login: user.login, role: user.role.code as TRoleCode };
  const kind = row.kind as TExportKind;
  const definition = exportKinds[kind];
  if (!definition || !mayExport(kind, actor.role))
    throw new AppError("FORBIDDEN", { detail: "The owner's role may not export this report" });
  const params = definition.params.parse(parseParams(row.params));

  await db.export.update({ where: { id: row.id }, data: { status: "running", progress: 1 } });
  let lastProgress = 1;
  const progress = async (fraction: number) => {
    const pct = Math.max(1, Math.min(95, Math.round(fraction * 90)));
    if (pct - lastProgress < 5) return;
    lastProgress = pct;
    await db.export.update({ where: { id: row.id }, data: { progress: pct } });
  };
  const now = clock();
  const language: ReportLanguage = user.language === "uz" ? "uz" : "ru";
  const build = REPORTS[kind] as (
    p: typeof params,
    ctx: Parameters<(typeof REPORTS)["leads"]>[1],
  ) => ReturnType<(typeof REPORTS)["leads"]>;
  const report = await build(params, {
    db,
    reader: options.reader,
    actor,
    language,
    now,
    progress,
  });

  const format = row.format as TExportFormat;
  const fileName = `${report.baseName}-${stamp(now)}.${format}`;
  await fs.promises.mkdir(options.exportDir, { recursive: true });
  const filePath = path.resolve(options.exportDir, `${row.id}-${fileName}`);
  if (format === "csv") {
    const { "exports.csvDelimiter": delimiter } = await readSettings(db, ["exports.csvDelimiter"]);
    await writeCsv(filePath, report.csvSheets ?? report.sheets, delimiter);
  } else {
    await writeXlsx(filePath, report.sheets);
  }
  const { size } = await fs.promises.stat(filePath);
  const { "exports.ttlHours": ttlHours } = await readSettings(db, ["exports.ttlHours"]);
  const finishedAt = clock();
  const rows = (report.csvSheets ?? report.sheets).reduce(
    (sum, sheet) => sum + sheet.rows.length,
    0,
  );
  const done = await db.export.updateMany({
    where: { id: row.id, status: "running" },
    data: {
      status: "ready",
      progress: 100,
      rows,
      fileName,
      filePath,
      size,
      error: null,
      finishedAt,
      expiresAt: new Date(finishedAt.getTime() + ttlHours * HOUR),
    },
  });
  if (done.count === 1) {
    await notify(db, {
      kind: "export.ready",
      userIds: [row.userId],
      payload: { exportId: row.id, fileName },
      entity: "Export",
      entityId: row.id,
      dedupeKey: `export:${row.id}`,
    });
  }
  return { status: "ready" as const, rows, size };
}

/** The job gave up (last attempt, or a failure no retry fixes): the user sees why. */
export async function markExportFailed(db: Db, exportId: number, reason: string, now = new Date()) {
  await db.export.updateMany({
    where: { id: exportId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: reason.slice(0, 500), finishedAt: now },
  });
}

/** Removes the files of exports past their expiry; the rows stay, marked expired. */
export async function purgeExpiredExports(db: Db, now = new Date()) {
  const rows = await db.export.findMany({
    where: { status: "ready", expiresAt: { lte: now } },
    select: { id: true, filePath: true },
    take: 1000,
  });
  let removed = 0;
  for (const row of rows) {
    if (row.filePath) {
      await fs.promises.rm(row.filePath, { force: true });
      removed += 1;
    }
    await db.export.updateMany({
      where: { id: row.id, status: "ready" },
      data: { status: "expired", filePath: null },
    });
  }
  return { expired: rows.length, removed };
}
