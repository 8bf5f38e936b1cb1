/**
 * Import of a complex's flats from Google Sheets, CSV or XLSX: read any source into one table
 * (parse, sheets), find the columns (mapping), read each row (validate), compare with the
 * database (plan: the dry run) and write the plan in one transaction (apply). Runs are recorded
 * as ImportRun rows and carried out by the import-flats job (runs); sources hold the linked
 * sheet, the mapping and the scheduled sync.
 */
export {
  fillMerges,
  parseCsv,
  parseXlsx,
  decodeCsv,
  detectDelimiter,
  type Cell,
  type SheetTable,
} from "./parse";
export { resolveColumns, normalizeHeader } from "./mapping";
export { readRow, readNumber } from "./validate";
export { planImport, SheetRefused, type ImportPlan, type PlanLine } from "./plan";
export { applyPlan } from "./apply";
export {
  readSheet,
  sheetsConfigFromEnv,
  spreadsheetIdFrom,
  googleEnvShape,
  noSheets,
  type SheetsConfig,
} from "./sheets";
export {
  executeRun,
  getRun,
  listRuns,
  startApply,
  startFileDryRun,
  startSheetDryRun,
  type ImportDeps,
} from "./runs";
export {
  getSource,
  linkSheet,
  saveMapping,
  syncDueSheets,
  testSheet,
  unlinkSheet,
} from "./sources";
