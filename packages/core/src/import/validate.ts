import { ZCreateFlatRequest, type TCurrency, type TImportField } from "@crm/contracts";
import type { ApartmentStatus } from "@crm/db";
import type { ResolvedColumns } from "./mapping";
import { normalizeHeader } from "./mapping";
import type { Cell } from "./parse";

/** A sheet row read as a flat; prices in minor units. `status` null: the row does not say. */
export interface RowValues {
  block: string;
  section: string;
  floor: number;
  number: string;
  rooms: number;
  area: number;
  price: number;
  currency: TCurrency;
  status: ApartmentStatus | null;
}

export type RowProblemCode =
  | "cell_error"
  | "missing_value"
  | "not_a_number"
  | "not_integer"
  | "negative"
  | "zero"
  | "out_of_range"
  | "invalid_text"
  | "unknown_status"
  | "unknown_currency";

export interface RowProblem {
  code: RowProblemCode;
  field: TImportField;
  value: string | null;
  reason: string;
}

export type ReadRow =
  | { ok: true; key: string | null; values: RowValues }
  | { ok: false; key: string | null; label: string | null; problem: RowProblem };

/** Status words people write in a шахматка (ru, uz, en); anything else is reported, not guessed. */
const STATUS_WORDS: Record<ApartmentStatus, readonly string[]> = {
  FREE: [
    "free",
    "available",
    "for sale",
    "свободна",
    "свободно",
    "свободен",
    "своб",
    "в продаже",
    "продается",
    "bo sh",
    "bosh",
    "sotuvda",
    "бўш",
    "сотувда",
  ],
  UNAVAILABLE: [
    "unavailable",
    "closed",
    "not for sale",
    "недоступна",
    "недоступно",
    "закрыта",
    "закрыто",
    "снята",
    "снято с продажи",
    "не в продаже",
    "резерв застройщика",
    "yopiq",
    "sotuvda emas",
    "ёпиқ",
    "сотувда эмас",
  ],
  BOOKED: [
    "booked",
    "reserved",
    "hold",
    "бронь",
    "забронирована",
    "забронировано",
    "бронирована",
    "band",
    "band qilingan",
    "bron",
    "банд",
  ],
  SOLD: ["sold", "продана", "продано", "продан", "sotilgan", "sotildi", "сотилган", "сотилди"],
};
const STATUS_BY_WORD = new Map(
  Object.entries(STATUS_WORDS).flatMap(([status, words]) =>
    words.map((word) => [normalizeHeader(word), status as ApartmentStatus] as const),
  ),
);
for (const status of Object.keys(STATUS_WORDS)) {
  STATUS_BY_WORD.set(status.toLowerCase(), status as ApartmentStatus);
}

const CURRENCY_WORDS: Record<TCurrency, readonly string[]> = {
  UZS: ["uzs", "сум", "сўм", "so m", "som", "sum", "soʻm", "сум уз"],
  USD: ["usd", "$", "доллар", "долл", "у е", "dollar", "us"],
};
const CURRENCY_BY_WORD = new Map(
  Object.entries(CURRENCY_WORDS).flatMap(([currency, words]) =>
    words.map(
      (word) => [word === "$" ? "$" : normalizeHeader(word), currency as TCurrency] as const,
    ),
  ),
);

/** Spreadsheet error values: a formula that could not be computed. */
const CELL_ERROR =
  /^#(REF!|VALUE!|N\/A|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA)/i;

const FIELD_NAMES: Record<TImportField, string> = {
  key: "row key",
  block: "block",
  section: "section",
  floor: "floor",
  number: "number",
  rooms: "rooms",
  area: "area",
  price: "price",
  currency: "currency",
  status: "status",
};

class RowRejected extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.reason);
  }
}

const reject = (code: RowProblemCode, field: TImportField, value: Cell, reason: string): never => {
  throw new RowRejected({ code, field, value: value === null ? null : String(value), reason });
};

/** "1 250 000", "1,250,000.50", "65,5" and 65.5 are numbers; "договорная" is not. */
export function readNumber(value: Cell): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null) return null;
  let text = value.replace(/[\s\u00a0\u202f'’]/g, "").replace(/(сум|uzs|usd|\$|м2|м²|m2)$/i, "");
  if (text.includes(",") && text.includes(".")) text = text.replace(/,/g, "");
  else if ((text.match(/,/g) ?? []).length === 1) text = text.replace(",", ".");
  else text = text.replace(/,/g, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

const text = (value: Cell) =>
  value === null ? "" : typeof value === "number" ? String(value) : value.trim();

/**
 * One row → a flat's values, or the first reason it cannot be one. Bounds and text rules are the
 * flat form's own (`ZCreateFlatRequest`), so an import accepts exactly what an admin could type.
 */
export function readRow(
  row: readonly Cell[],
  resolved: ResolvedColumns,
  defaults: { currency: TCurrency },
): ReadRow {
  const { columns } = resolved;
  const cell = (field: TImportField): Cell => {
    const index = columns[field];
    return index === null ? null : (row[index] ?? null);
  };
  const key = text(cell("key")) || null;
  const labelOf = () => {
    const block = text(cell("block"));
    const number = text(cell("number"));
    return number ? (block ? `${block}-${number}` : number) : null;
  };
  try {
    for (const field of Object.keys(columns) as TImportField[]) {
      const value = cell(field);
      if (typeof value === "string" && CELL_ERROR.test(value.trim())) {
        reject(
          "cell_error",
          field,
          value,
          `${FIELD_NAMES[field]}: the cell holds the error ${value.trim()}`,
        );
      }
    }
    const shape = ZCreateFlatRequest.shape;
    const checked = <T>(field: TImportField, value: T, raw: Cell): T => {
      const schema = shape[field as keyof typeof shape];
      const result = schema.safeParse(value);
      if (!result.success) {
        const issue = result.error.issues[0];
        const code: RowProblemCode = typeof value === "string" ? "invalid_text" : "out_of_range";
        reject(code, field, raw, `${FIELD_NAMES[field]}: ${issue?.message ?? "not accepted"}`);
      }
      return value;
    };
    const required = (field: TImportField): Cell => {
      const value = cell(field);
      if (value === null || text(value) === "") {
        reject("missing_value", field, value, `${FIELD_NAMES[field]} is empty`);
      }
      return value;
    };
    const numberOf = (field: TImportField, options: { integer?: boolean; positive?: boolean }) => {
      const raw = required(field);
      const value = readNumber(raw);
      if (value === null)
        reject("not_a_number", field, raw, `${FIELD_NAMES[field]}: "${text(raw)}" is not a number`);
      if (options.integer && !Number.isInteger(value)) {
        reject("not_integer", field, raw, `${FIELD_NAMES[field]}: ${value} is not a whole number`);
      }
      if (options.positive && value! < 0)
        reject("negative", field, raw, `${FIELD_NAMES[field]} is negative`);
      if (options.positive && value === 0) reject("zero", field, raw, `${FIELD_NAMES[field]} is 0`);
      return value!;
    };

    const number = checked("number", text(required("number")), cell("number"));
    const block =
      columns.block === null ? "1" : checked("block", text(required("block")), cell("block"));
    const section = checked("section", text(cell("section")), cell("section"));
    const floor = checked("floor", numberOf("floor", { integer: true }), cell("floor"));
    const rooms = checked("rooms", numberOf("rooms", { integer: true }), cell("rooms"));
    const area = checked("area", numberOf("area", { positive: true }), cell("area"));
    const major = numberOf("price", { positive: true });
    const price = checked("price", Math.round(major * 100), cell("price"));

    let currency = defaults.currency;
    const currencyCell = text(cell("currency"));
    if (currencyCell) {
      const found =
        CURRENCY_BY_WORD.get(currencyCell === "$" ? "$" : normalizeHeader(currencyCell)) ?? null;
      if (!found) {
        reject(
          "unknown_currency",
          "currency",
          currencyCell,
          `currency: "${currencyCell}" is not UZS or USD`,
        );
      }
      currency = found!;
    }
    let status: ApartmentStatus | null = null;
    const statusCell = text(cell("status"));
    if (statusCell) {
      status = STATUS_BY_WORD.get(normalizeHeader(statusCell)) ?? null;
      if (!status) {
        reject(
          "unknown_status",
          "status",
          statusCell,
          `status: "${statusCell}" is not a known status (free, unavailable, booked, sold)`,
        );
      }
    }
    return {
      ok: true,
      key,
      values: { block, section, floor, number, rooms, area, price, currency, status },
    };
  } catch (error) {
    if (error instanceof RowRejected)
      return { ok: false, key, label: labelOf(), problem: error.problem };
    throw error;
  }
}

/** A row with nothing in any column the import reads: trailing blank rows are not rows. */
export const isBlankRow = (row: readonly Cell[], resolved: ResolvedColumns) =>
  Object.values(resolved.columns).every(
    (index) =>
      index === null || row[index] === null || row[index] === undefined || text(row[index]!) === "",
  );
