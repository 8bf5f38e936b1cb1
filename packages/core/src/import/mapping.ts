import {
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type TImportField,
  type TImportMapping,
} from "@crm/contracts";
import type { Cell } from "./parse";

/**
 * The header names each field is found by when the admin has not chosen a column: Russian,
 * Uzbek (Latin and Cyrillic) and English, compared lower-cased with punctuation dropped. A
 * header matches a name exactly or starts with it ("Площадь, м²" is an area).
 */
const HEADER_NAMES: Record<TImportField, readonly string[]> = {
  key: ["ключ", "код", "id", "key", "row key", "kalit", "uid"],
  block: ["блок", "корпус", "дом", "литер", "block", "building", "blok", "korpus", "bino", "уй"],
  section: ["секция", "подъезд", "section", "entrance", "seksiya", "podyezd", "подъезд"],
  floor: ["этаж", "floor", "qavat", "кават", "қават"],
  number: [
    "номер квартиры",
    "квартира",
    "номер",
    "№",
    "number",
    "flat",
    "apartment",
    "unit",
    "xonadon",
    "raqam",
    "kvartira",
    "хонадон",
    "рақам",
  ],
  rooms: [
    "количество комнат",
    "кол во комнат",
    "комнат",
    "комнаты",
    "комн",
    "rooms",
    "bedrooms",
    "xona",
    "xonalar",
    "хона",
  ],
  area: ["площадь", "общая площадь", "м2", "м²", "кв м", "area", "sqm", "m2", "maydon", "майдон"],
  price: ["цена", "стоимость", "сумма", "price", "total price", "narx", "narxi", "нарх", "нархи"],
  currency: ["валюта", "currency", "valyuta", "валюта"],
  status: ["статус", "состояние", "status", "state", "holat", "holati", "ҳолат", "ҳолати"],
};

export const normalizeHeader = (value: Cell | undefined): string =>
  String(value ?? "")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}²№]+/gu, " ")
    .trim();

export interface ResolvedColumns {
  /** Column index (0-based) of each field, or null. */
  columns: Record<TImportField, number | null>;
  /** The header text each field was found under, as written in the sheet. */
  mapping: Record<TImportField, string | null>;
  /** Required fields with no column. */
  missing: TImportField[];
}

/**
 * Decides which column holds which field: the saved mapping first (by header text), then the
 * usual names. A column serves one field; the first header to match a field wins.
 */
export function resolveColumns(
  headers: readonly Cell[],
  saved: TImportMapping = {},
): ResolvedColumns {
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const columns = Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, null]),
  ) as ResolvedColumns["columns"];
  for (const field of IMPORT_FIELDS) {
    const chosen = saved[field];
    if (!chosen) continue;
    const index = normalized.indexOf(normalizeHeader(chosen));
    if (index >= 0 && !taken.has(index)) {
      columns[field] = index;
      taken.add(index);
    }
  }
  // Exact names first for every field, then names a header starts with ("Цена, сум").
  for (const exact of [true, false]) {
    for (const field of IMPORT_FIELDS) {
      if (columns[field] !== null || saved[field]) continue;
      const names = HEADER_NAMES[field];
      const index = normalized.findIndex(
        (header, i) =>
          !taken.has(i) &&
          header !== "" &&
          names.some((name) => header === name || (!exact && header.startsWith(`${name} `))),
      );
      if (index >= 0) {
        columns[field] = index;
        taken.add(index);
      }
    }
  }
  const mapping = Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, columns[f] === null ? null : String(headers[columns[f]!] ?? "")]),
  ) as ResolvedColumns["mapping"];
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => columns[field] === null);
  return { columns, mapping, missing };
}
