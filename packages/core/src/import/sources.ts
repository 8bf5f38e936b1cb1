import {
  IMPORT_FIELDS,
  ZImportMapping,
  type TImportMapping,
  type TImportSource,
  type TSheetPreview,
} from "@crm/contracts";
import type { Db, ImportSourceModel } from "@crm/db";
import type { z } from "zod";
import type { ZLinkSheetRequest } from "@crm/contracts";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { readSettings } from "../settings/settings";
import { resolveColumns } from "./mapping";
import { executeRun, type ImportDeps } from "./runs";
import { readSheet, spreadsheetIdFrom, type SheetsConfig } from "./sheets";

type LinkInput = z.output<typeof ZLinkSheetRequest>;

const mappingOf = (row: ImportSourceModel | null): TImportMapping =>
  ZImportMapping.catch({}).parse(row?.mapping ? JSON.parse(row.mapping) : {});

function toSource(
  complexId: number,
  row: ImportSourceModel | null,
  sheets: SheetsConfig,
): TImportSource {
  return {
    complexId,
    spreadsheetId: row?.spreadsheetId ?? null,
    worksheet: row?.worksheet ?? null,
    headerRow: row?.headerRow ?? 1,
    mapping: mappingOf(row),
    syncEnabled: row?.syncEnabled ?? false,
    lastSyncAt: row?.lastSyncAt?.toISOString() ?? null,
    lastStatus: (row?.lastStatus as TImportSource["lastStatus"]) ?? null,
    lastError: row?.lastError ?? null,
    lastRunId: row?.lastRunId ?? null,
    googleConfigured: sheets.credentials !== null,
    serviceAccountEmail: sheets.credentials?.clientEmail ?? null,
  };
}

const audited = (row: ImportSourceModel) => ({
  spreadsheetId: row.spreadsheetId,
  worksheet: row.worksheet,
  headerRow: row.headerRow,
  syncEnabled: row.syncEnabled,
});

async function complexExists(db: Db, complexId: number) {
  const complex = await db.complex.findUnique({ where: { id: complexId }, select: { id: true } });
  if (!complex) throw notFound("Complex");
}

export async function getSource(db: Db, complexId: number, sheets: SheetsConfig) {
  await complexExists(db, complexId);
  return toSource(complexId, await db.importSource.findUnique({ where: { complexId } }), sheets);
}

function spreadsheetIdOrInvalid(input: string): string {
  const id = spreadsheetIdFrom(input);
  if (!id) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "Not a Google spreadsheet id or URL",
      errors: [{ path: "spreadsheet", message: "Not a spreadsheet id or URL", code: "invalid" }],
    });
  }
  return id;
}

/** Links (or relinks) the complex's spreadsheet; the mapping given replaces the saved one. */
export async function linkSheet(
  db: Db,
  actor: Actor,
  complexId: number,
  input: LinkInput,
  sheets: SheetsConfig,
): Promise<TImportSource> {
  await complexExists(db, complexId);
  const spreadsheetId = spreadsheetIdOrInvalid(input.spreadsheet);
  const data = {
    spreadsheetId,
    worksheet: input.worksheet || null,
    headerRow: input.headerRow,
    mapping: JSON.stringify(input.mapping),
    syncEnabled: input.syncEnabled,
  };
  const row = await db.$transaction(async (tx) => {
    const before = await tx.importSource.findUnique({ where: { complexId } });
    const after = await tx.importSource.upsert({
      where: { complexId },
      create: { complexId, ...data },
      update: data,
    });
    await audit(tx, actor, {
      action: "import.link",
      entityId: complexId,
      before: before ? audited(before) : null,
      after: audited(after),
    });
    return after;
  });
  return toSource(complexId, row, sheets);
}

/** The mapping every import of the complex uses (files too); a sheet need not be linked. */
export async function saveMapping(
  db: Db,
  actor: Actor,
  complexId: number,
  mapping: TImportMapping,
  sheets: SheetsConfig,
): Promise<TImportSource> {
  await complexExists(db, complexId);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.importSource.findUnique({ where: { complexId } });
    const after = await tx.importSource.upsert({
      where: { complexId },
      create: { complexId, mapping: JSON.stringify(mapping) },
      update: { mapping: JSON.stringify(mapping) },
    });
    await audit(tx, actor, {
      action: "import.mapping",
      entityId: complexId,
      before: { mapping: mappingOf(before) },
      after: { mapping },
    });
    return after;
  });
  return toSource(complexId, row, sheets);
}

/** Forgets the spreadsheet and stops its sync; flats and past reports stay. */
export async function unlinkSheet(db: Db, actor: Actor, complexId: number, sheets: SheetsConfig) {
  await complexExists(db, complexId);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.importSource.findUnique({ where: { complexId } });
    if (!before?.spreadsheetId) return before;
    const after = await tx.importSource.update({
      where: { complexId },
      data: { spreadsheetId: null, worksheet: null, syncEnabled: false },
    });
    await audit(tx, actor, {
      action: "import.unlink",
      entityId: complexId,
      before: audited(before),
    });
    return after;
  });
  return toSource(complexId, row, sheets);
}

/** Test connection: the worksheets, the header, what each column would be read as, first rows. */
export async function testSheet(
  db: Db,
  complexId: number,
  input: LinkInput,
  sheets: SheetsConfig,
): Promise<TSheetPreview> {
  await complexExists(db, complexId);
  const spreadsheetId = spreadsheetIdOrInvalid(input.spreadsheet);
  const read = await readSheet(sheets, spreadsheetId, input.worksheet || null, {
    maxRows: input.headerRow + 10,
  });
  const headers = read.rows[input.headerRow - 1] ?? [];
  const resolved = resolveColumns(headers, input.mapping);
  return {
    title: read.title,
    worksheets: read.worksheets,
    worksheet: read.worksheet,
    headers: headers.map((cell) => (cell === null ? "" : String(cell))),
    mapping: Object.fromEntries(
      IMPORT_FIELDS.map((f) => [f, resolved.mapping[f]]),
    ) as TSheetPreview["mapping"],
    missing: resolved.missing,
    rows: read.rows.slice(input.headerRow, input.headerRow + 5),
  };
}

/**
 * The scheduled sync: every complex whose sheet sync is on and due (its interval, from settings,
 * has passed since its last sync) is read, planned and applied at once, as the system. A failing
 * sync leaves the flats as they were and records its error on the complex's source.
 */
export async function syncDueSheets(
  db: Db,
  deps: ImportDeps,
  options: { complexId?: number; requestedById?: number } = {},
): Promise<{ due: number; synced: number; failed: number }> {
  const now = deps.now?.() ?? new Date();
  const { "import.syncIntervalMinutes": minutes } = await readSettings(db, [
    "import.syncIntervalMinutes",
  ]);
  const sources = await db.importSource.findMany({
    where: {
      spreadsheetId: { not: null },
      ...(options.complexId !== undefined
        ? { complexId: options.complexId }
        : {
            syncEnabled: true,
            OR: [
              { lastSyncAt: null },
              { lastSyncAt: { lte: new Date(now.getTime() - minutes * 60_000) } },
            ],
          }),
    },
    orderBy: { complexId: "asc" },
  });
  let synced = 0;
  let failed = 0;
  for (const source of sources) {
    const run = await db.importRun.create({
      data: {
        complexId: source.complexId,
        kind: "sync",
        source: "sheet",
        requestedById: options.requestedById ?? null,
      },
    });
    const result = await executeRun(db, run.id, deps);
    if (result.status === "succeeded") synced += 1;
    else failed += 1;
  }
  return { due: sources.length, synced, failed };
}
