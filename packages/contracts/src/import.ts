import { z } from "zod";
import { optionalText, text, ZIdParams } from "./common";
import { IMPORT_READERS } from "./roles";
import { defineRoute } from "./routes";

/** The columns an import reads; `key` is the row's stable id in the sheet (optional). */
export const IMPORT_FIELDS = [
  "key",
  "block",
  "section",
  "floor",
  "number",
  "rooms",
  "area",
  "price",
  "currency",
  "status",
] as const;
export const ZImportField = z.enum(IMPORT_FIELDS);
export type TImportField = z.infer<typeof ZImportField>;

/** Without these columns no row can become a flat: the run stops before reading rows. */
export const REQUIRED_IMPORT_FIELDS = ["number", "floor", "rooms", "area", "price"] as const;

/** Field → header text as written in the sheet; fields left out are found by their usual names. */
export const ZImportMapping = z.partialRecord(ZImportField, text(200));
export type TImportMapping = z.infer<typeof ZImportMapping>;

export const IMPORT_ACTIONS = ["create", "update", "unchanged", "rejected", "conflict"] as const;
export const ZImportAction = z.enum(IMPORT_ACTIONS);
export type TImportAction = z.infer<typeof ZImportAction>;

/** Largest CSV/XLSX upload, in bytes. */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
export const IMPORT_FILE_TYPES = {
  csv: ["text/csv", "application/csv", "text/plain"],
  xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
} as const;

/** One report line: a sheet row (1-based, as the spreadsheet numbers it) and what it becomes. */
export const ZImportLine = z.object({
  row: z.number().int(),
  action: ZImportAction,
  key: z.string().nullable(),
  flatId: z.number().int().nullable(),
  /** "A-12": the flat's block and number, when the row names them. */
  label: z.string().nullable(),
  /** Why a row is rejected or a conflict, in words (English)… */
  reason: z.string().nullable(),
  /** …and as a code with the field and the value it is about, for the SPA to say in its language. */
  code: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  /** What an update changes, field by field. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
});
export type TImportLine = z.infer<typeof ZImportLine>;

export const ZImportCounts = z.object(
  Object.fromEntries(IMPORT_ACTIONS.map((action) => [action, z.number().int().min(0)])) as Record<
    TImportAction,
    z.ZodNumber
  >,
);

export const ZImportRunKind = z.enum(["dry-run", "apply", "sync"]);
export const ZImportRunStatus = z.enum(["queued", "running", "succeeded", "failed"]);
export const ZImportSourceKind = z.enum(["sheet", "csv", "xlsx"]);

export const ZImportRun = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  kind: ZImportRunKind,
  source: ZImportSourceKind,
  fileName: z.string().nullable(),
  status: ZImportRunStatus,
  stage: z.enum(["reading", "validating", "applying", "done"]).nullable(),
  progress: z.object({
    rowsTotal: z.number().int(),
    rowsRead: z.number().int(),
    rowsValidated: z.number().int(),
    rowsApplied: z.number().int(),
  }),
  counts: ZImportCounts,
  /** Why the whole run failed (empty sheet, missing columns, a flat changed since the dry run). */
  error: z.string().nullable(),
  dryRunId: z.number().int().nullable(),
  appliedRunId: z.number().int().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportRun = z.infer<typeof ZImportRun>;

export const ZImportRunQuery = z.strictObject({
  action: ZImportAction.optional(),
  /** The last row number of the previous page. */
  cursor: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZImportRunDetail = z.object({
  run: ZImportRun,
  /** The column each field was read from (the header text). */
  mapping: ZImportMapping.nullable(),
  lines: z.array(ZImportLine),
  nextCursor: z.number().int().nullable(),
});
export type TImportRunDetail = z.infer<typeof ZImportRunDetail>;

export const ZImportSource = z.object({
  complexId: z.number().int(),
  spreadsheetId: z.string().nullable(),
  worksheet: z.string().nullable(),
  headerRow: z.number().int(),
  mapping: ZImportMapping,
  syncEnabled: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastStatus: z.enum(["succeeded", "failed"]).nullable(),
  lastError: z.string().nullable(),
  lastRunId: z.number().int().nullable(),
  /** Whether the server has service-account credentials (never the credentials themselves). */
  googleConfigured: z.boolean(),
  /** The address to share the spreadsheet with (read access is enough). */
  serviceAccountEmail: z.string().nullable(),
});
export type TImportSource = z.infer<typeof ZImportSource>;

export const ZLinkSheetRequest = z.strictObject({
  /** The spreadsheet's id or its URL as copied from the browser. */
  spreadsheet: text(500),
  /** Worksheet title; empty: the first worksheet. */
  worksheet: optionalText(100).default(""),
  headerRow: z.number().int().min(1).max(1000).default(1),
  mapping: ZImportMapping.default({}),
  syncEnabled: z.boolean().default(false),
});
export type TLinkSheetRequest = z.input<typeof ZLinkSheetRequest>;

export const ZImportMappingRequest = z.strictObject({ mapping: ZImportMapping });

export const ZSheetPreview = z.object({
  title: z.string(),
  worksheets: z.array(z.string()),
  worksheet: z.string(),
  headers: z.array(z.string()),
  /** The column each field would be read from; null where none was found. */
  mapping: z.record(ZImportField, z.string().nullable()),
  missing: z.array(ZImportField),
  /** The first rows after the header, as read. */
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type TSheetPreview = z.infer<typeof ZSheetPreview>;

export const ZUploadQuery = z.strictObject({ name: text(200) });

export const importRoutes = {
  getSource: defineRoute({
    method: "get",
    path: "/api/complexes/:id/import/source",
    summary:
      "The complex's import source: linked sheet, mapping, scheduled sync and its last result",
    tag: "import",
    access: IMPORT_READERS,
    params: ZIdParams,
    status: 200,
    response: ZImportSource,
    problems: [404],
  }),
  linkSheet: defineRoute({
    method: "put",
    path: "/api/complexes/:id/import/source",
    summary: "Link a Google spreadsheet (id or URL, worksheet, header row, mapping, sync on/off)",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    body: ZLinkSheetRequest,
    status: 200,
    response: ZImportSource,
    problems: [404],
  }),
  saveMapping: defineRoute({
    method: "put",
    path: "/api/complexes/:id/import/mapping",
    summary: "Save the column mapping used by every import of the complex (sheet and files)",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    body: ZImportMappingRequest,
    status: 200,
    response: ZImportSource,
    problems: [404],
  }),
  unlinkSheet: defineRoute({
    method: "delete",
    path: "/api/complexes/:id/import/source",
    summary: "Unlink the spreadsheet (the flats stay; scheduled sync stops)",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    status: 200,
    response: ZImportSource,
    problems: [404],
  }),
  testSheet: defineRoute({
    method: "post",
    path: "/api/complexes/:id/import/test",
    summary: "Test connection: read a spreadsheet's first rows and detect its columns",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    body: ZLinkSheetRequest,
    status: 200,
    response: ZSheetPreview,
    problems: [404, 409],
  }),
  dryRunSheet: defineRoute({
    method: "post",
    path: "/api/complexes/:id/import/dry-run",
    summary: "Start a dry run from the linked sheet: the diff to review before applying",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    status: 202,
    response: ZImportRun,
    problems: [404, 409],
  }),
  upload: defineRoute({
    method: "post",
    path: "/api/complexes/:id/import/upload",
    summary: "Upload a CSV or XLSX file (the body is the file) and start its dry run",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    query: ZUploadQuery,
    consumes: [...IMPORT_FILE_TYPES.csv, ...IMPORT_FILE_TYPES.xlsx],
    status: 202,
    response: ZImportRun,
    problems: [404, 413, 415],
  }),
  listRuns: defineRoute({
    method: "get",
    path: "/api/complexes/:id/import/runs",
    summary: "The complex's imports, newest first",
    tag: "import",
    access: IMPORT_READERS,
    params: ZIdParams,
    status: 200,
    response: z.object({ items: z.array(ZImportRun) }),
    problems: [404],
  }),
  getRun: defineRoute({
    method: "get",
    path: "/api/import-runs/:id",
    summary: "An import: progress, counts and its report lines (filter by action, page by row)",
    tag: "import",
    access: IMPORT_READERS,
    params: ZIdParams,
    query: ZImportRunQuery,
    status: 200,
    response: ZImportRunDetail,
    problems: [404],
  }),
  applyRun: defineRoute({
    method: "post",
    path: "/api/import-runs/:id/apply",
    summary: "Apply a finished dry run in one transaction (fails whole if a flat changed since)",
    tag: "import",
    access: ["ADMIN"],
    params: ZIdParams,
    status: 202,
    response: ZImportRun,
    problems: [404, 409],
  }),
};
