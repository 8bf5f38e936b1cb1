import ExcelJS from "exceljs";

/** One cell as every source gives it: text, a number, or nothing. Errors stay text ("#REF!"). */
export type Cell = string | number | null;

/**
 * A sheet read from any source, before anything is interpreted: rows as the spreadsheet numbers
 * them (`rows[0]` is row 1), merged ranges already filled from their top-left cell.
 */
export interface SheetTable {
  rows: Cell[][];
}

/** A merged range, 0-based and end-exclusive, as the Sheets API reports it. */
export interface MergedRange {
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

/**
 * Merged cells hold their value in the top-left cell only; every cell of the range reads it, so
 * a block name merged down twenty rows belongs to all twenty.
 */
export function fillMerges(rows: Cell[][], merges: readonly MergedRange[]): Cell[][] {
  for (const merge of merges) {
    const value = rows[merge.startRowIndex]?.[merge.startColumnIndex] ?? null;
    for (let r = merge.startRowIndex; r < merge.endRowIndex; r += 1) {
      const row = (rows[r] ??= []);
      for (let c = merge.startColumnIndex; c < merge.endColumnIndex; c += 1) row[c] = value;
    }
  }
  for (let r = 0; r < rows.length; r += 1) rows[r] ??= [];
  return rows;
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Text of a CSV file: UTF-8 (with or without a byte-order mark) unless the bytes are not valid
 * UTF-8, which is how Excel's "CSV" from a Russian Windows arrives (Windows-1251).
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

/** `;` (Excel in Russian and Uzbek locales) or `,`: whichever splits the first line more. */
export function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** RFC 4180 CSV: quoted fields may hold the delimiter, quotes ("") and line breaks. */
export function parseCsv(bytes: Uint8Array): SheetTable {
  const text = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field.trim() === "" ? null : field);
    field = "";
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === delimiter) endField();
    else if (char === "\n" || char === "\r") {
      endField();
      rows.push(row);
      row = [];
      if (char === "\r" && text[i + 1] === "\n") i += 1;
    } else field += char;
    i += 1;
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return { rows };
}

// ── XLSX ────────────────────────────────────────────────────────────────────────────────────

type ExcelValue = ExcelJS.CellValue;

/** A cell's value as shown: formulas by their last computed result, errors as their code. */
function fromExcel(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelValue }).result;
    // A formula never calculated by a spreadsheet program has no value to import.
    return result === undefined ? "#VALUE!" : fromExcel(result);
  }
  if ("richText" in value) return value.richText.map((part) => part.text).join("") || null;
  if ("text" in value) return String(value.text);
  return null;
}

/** The first worksheet (or the named one) of an XLSX file. */
export async function parseXlsx(bytes: Uint8Array, worksheet?: string | null): Promise<SheetTable> {
  const workbook = new ExcelJS.Workbook();
  // exceljs' types predate Node's generic Buffer; the bytes are what it reads either way.
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = worksheet ? workbook.getWorksheet(worksheet) : workbook.worksheets[0];
  if (!sheet) return { rows: [] };
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A merged cell reads its range's top-left value (exceljs gives it through `value`).
      cells[column - 1] = fromExcel(cell.value);
    });
    for (let c = 0; c < cells.length; c += 1) cells[c] ??= null;
    rows[rowNumber - 1] = cells;
  });
  for (let r = 0; r < rows.length; r += 1) rows[r] ??= [];
  return { rows };
}

/** An uploaded file's kind, by its name or media type. */
export function fileKind(name: string, mediaType: string | undefined): "csv" | "xlsx" | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (mediaType?.includes("spreadsheetml")) return "xlsx";
  if (mediaType?.startsWith("text/") || mediaType === "application/csv") return "csv";
  return null;
}

/** XLSX files are ZIP archives: they start with "PK\x03\x04". */
export const looksLikeXlsx = (bytes: Uint8Array) =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
