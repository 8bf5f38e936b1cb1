import fs from "node:fs";
import ExcelJS from "exceljs";

/**
 * A report as the file writers see it: sheets of typed columns. Numbers stay numbers, money is
 * a number in major units formatted with its currency, dates are dates (Tashkent time), so a
 * spreadsheet can sum, sort and filter them.
 */
export type CellType = "text" | "int" | "number" | "money" | "percent" | "date" | "datetime";

export interface Money {
  /** Minor units. */
  minor: number | bigint;
  currency: string;
}

export type CellValue = string | number | bigint | Date | Money | null | undefined;

export interface Column {
  header: string;
  type: CellType;
  /** Width in characters. */
  width: number;
}

export interface Sheet {
  name: string;
  columns: Column[];
  rows: CellValue[][];
  /** Per-cell background (ARGB), e.g. the шахматка's status colours. */
  fill?: (rowIndex: number, columnIndex: number) => string | undefined;
}

/** Tashkent is UTC+5 all year: spreadsheets have no time zones, so times are written local. */
const TASHKENT_MS = 5 * 3_600_000;
const local = (value: Date) => new Date(value.getTime() + TASHKENT_MS);
const isMoney = (value: unknown): value is Money =>
  typeof value === "object" && value !== null && "minor" in value && "currency" in value;
const major = (money: Money) => Number(money.minor) / 100;

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  int: "0",
  number: "#,##0.00",
  percent: "0.0%",
  date: "dd.mm.yyyy",
  datetime: "dd.mm.yyyy hh:mm",
};

/** Excel's limits on sheet names: 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet";
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Writes the sheets as an XLSX file, row by row (a large list is never held as a workbook). */
export async function writeXlsx(filePath: string, sheets: readonly Sheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "RealEstate CRM";
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: column.width,
      style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    header.commit();
    sheet.rows.forEach((values, rowIndex) => {
      const row = worksheet.addRow(values.map((value) => xlsxValue(value)));
      sheet.columns.forEach((column, columnIndex) => {
        const value = values[columnIndex];
        const cell = row.getCell(columnIndex + 1);
        if (column.type === "money" && isMoney(value)) cell.numFmt = `#,##0.00 "${value.currency}"`;
        const argb = sheet.fill?.(rowIndex, columnIndex);
        if (argb) {
          cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb } };
          cell.border = {
            top: { style: "thin", color: { argb: "FFFFFFFF" } },
            left: { style: "thin", color: { argb: "FFFFFFFF" } },
            bottom: { style: "thin", color: { argb: "FFFFFFFF" } },
            right: { style: "thin", color: { argb: "FFFFFFFF" } },
          };
        }
      });
      row.commit();
    });
    worksheet.commit();
  }
  await workbook.commit();
}

function xlsxValue(value: CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return local(value);
  if (isMoney(value)) return major(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}

export type CsvDelimiter = ";" | "," | "\t";

/**
 * Writes the sheets as one CSV file: UTF-8 with a BOM (so Excel reads Cyrillic), the chosen
 * separator, a title line before each sheet when there are several. With ";" — what Excel
 * expects under Russian regional settings — decimals are written with a comma.
 */
export async function writeCsv(
  filePath: string,
  sheets: readonly Sheet[],
  delimiter: CsvDelimiter,
): Promise<void> {
  const out = fs.createWriteStream(filePath, { encoding: "utf8" });
  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(chunk)) resolve();
      else out.once("drain", resolve).once("error", reject);
    });
  const decimal = delimiter === ";" ? "," : ".";
  const line = (fields: string[]) => fields.map((field) => quote(field, delimiter)).join(delimiter);
  await write("\uFEFF");
  for (const [index, sheet] of sheets.entries()) {
    if (sheets.length > 1) await write(`${index ? "\r\n" : ""}${quote(sheet.name, delimiter)}\r\n`);
    await write(line(sheet.columns.map((column) => column.header)) + "\r\n");
    for (const values of sheet.rows) {
      await write(
        line(sheet.columns.map((column, i) => csvValue(values[i], column.type, decimal))) + "\r\n",
      );
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
function csvValue(value: CellValue, type: CellType, decimal: string): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const d = local(value);
    const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
    return type === "date" ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }
  if (isMoney(value)) return major(value).toFixed(2).replace(".", decimal);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (type === "percent") return (Math.round(value * 1000) / 10).toString().replace(".", decimal);
    return String(value).replace(".", decimal);
  }
  return value;
}

/**
 * Quotes a field when it holds the separator, a quote or a line break. A text that would run
 * as a formula when the file is opened (= or @, or + and - before anything but a digit: phones
 * and negative numbers stay as they are) gets a leading apostrophe.
 */
function quote(field: string, delimiter: string): string {
  const safe = /^[=@]|^[+-](?!\d)/.test(field) ? `'${field}` : field;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
