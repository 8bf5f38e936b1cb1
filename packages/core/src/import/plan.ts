import {
  IMPORT_FIELDS,
  type TCurrency,
  type TImportAction,
  type TImportField,
  type TImportLine,
  type TImportMapping,
} from "@crm/contracts";
import type { ApartmentStatus, Db } from "@crm/db";
import { flatSelect } from "../inventory/flats";
import { resolveColumns } from "./mapping";
import type { SheetTable } from "./parse";
import { isBlankRow, readRow, type RowValues } from "./validate";

/** A report line plus what an apply needs: the values to write and the version it saw. */
export interface PlanLine extends TImportLine {
  values?: RowValues;
  /** The flat's version when planned: an apply refuses a flat that has moved on since. */
  version?: number;
}

export interface ImportPlan {
  mapping: TImportMapping;
  lines: PlanLine[];
  counts: Record<TImportAction, number>;
  rowsRead: number;
}

/** Why a whole sheet cannot be imported (no row is looked at). */
export class SheetRefused extends Error {
  override readonly name = "SheetRefused";
}

/** The columns an update compares (the key and status follow their own rules). */
const FIELDS = IMPORT_FIELDS.filter(
  (field): field is Exclude<TImportField, "key" | "status"> =>
    field !== "key" && field !== "status",
);
const LOCKED: readonly ApartmentStatus[] = ["BOOKED", "SOLD"];

const lockedBySheet = (status: ApartmentStatus) =>
  `the sheet says ${status}; a flat becomes booked or sold only through a hold or a contract`;

const labelOf = (values: { block: string; number: string }) => `${values.block}-${values.number}`;
/** A flat's place in its complex, as one map key. */
export const blockNumber = (block: string, number: string) => `${block}\u0000${number}`;

/**
 * The dry run: every row of the sheet compared with the complex's flats. Nothing is written.
 * A row becomes one line: create, update (with its changes), unchanged, rejected (the reason) or
 * conflict (a BOOKED/SOLD flat the sheet would change the status of — booking and contracts
 * decide those). Rows are matched by their key column when there is one, else by block and
 * number; two rows claiming the same flat are both rejected, since neither can be trusted.
 */
export async function planImport(
  db: Db,
  input: {
    complexId: number;
    currency: TCurrency;
    table: SheetTable;
    headerRow: number;
    mapping: TImportMapping;
    maxRows: number;
    onProgress?: (validated: number) => Promise<void> | void;
  },
): Promise<ImportPlan> {
  const { table, headerRow } = input;
  const headers = table.rows[headerRow - 1] ?? [];
  if (table.rows.length === 0 || headers.every((cell) => cell === null)) {
    throw new SheetRefused(
      table.rows.length === 0 ? "The sheet is empty" : `Row ${headerRow} (the header row) is empty`,
    );
  }
  const resolved = resolveColumns(headers, input.mapping);
  if (resolved.missing.length > 0) {
    throw new SheetRefused(`Columns not found: ${resolved.missing.join(", ")}`);
  }
  const mapping = Object.fromEntries(
    Object.entries(resolved.mapping).filter(([, header]) => header !== null),
  ) as TImportMapping;

  const dataRows: { row: number; cells: (typeof table.rows)[number] }[] = [];
  for (let index = headerRow; index < table.rows.length; index += 1) {
    const cells = table.rows[index]!;
    if (!isBlankRow(cells, resolved)) dataRows.push({ row: index + 1, cells });
  }
  if (dataRows.length === 0) throw new SheetRefused("The sheet has no rows under its header");
  if (dataRows.length > input.maxRows) {
    throw new SheetRefused(
      `The sheet has ${dataRows.length} rows; one import takes at most ${input.maxRows}`,
    );
  }

  const existing = await db.apartment.findMany({
    where: { complexId: input.complexId },
    select: { ...flatSelect, bookedLead: false, sourceRowKey: true },
  });
  type Existing = (typeof existing)[number];
  const byKey = new Map<string, Existing>();
  const byPlace = new Map<string, Existing>();
  for (const flat of existing) {
    if (flat.sourceRowKey) byKey.set(flat.sourceRowKey, flat);
    byPlace.set(blockNumber(flat.block, flat.number), flat);
  }

  const read = dataRows.map(({ row, cells }) => ({ row, result: readRow(cells, resolved, input) }));
  await input.onProgress?.(read.length);

  // Rows claiming the same key, or the same block and number, are all rejected.
  const claims = new Map<string, number[]>();
  const claim = (id: string, row: number) => claims.set(id, [...(claims.get(id) ?? []), row]);
  for (const { row, result } of read) {
    if (!result.ok) continue;
    if (result.key) claim(`key:${result.key}`, row);
    claim(`place:${blockNumber(result.values.block, result.values.number)}`, row);
  }
  const duplicateOf = (row: number, id: string) => (claims.get(id) ?? []).filter((r) => r !== row);

  const lines: PlanLine[] = [];
  const counts: Record<TImportAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    rejected: 0,
    conflict: 0,
  };
  const push = (line: PlanLine) => {
    counts[line.action] += 1;
    lines.push(line);
  };
  const base = { flatId: null, changes: null, code: null, field: null, value: null, reason: null };

  for (const { row, result } of read) {
    if (!result.ok) {
      push({
        ...base,
        row,
        action: "rejected",
        key: result.key,
        label: result.label,
        reason: result.problem.reason,
        code: result.problem.code,
        field: result.problem.field,
        value: result.problem.value,
      });
      continue;
    }
    const { key, values } = result;
    const label = labelOf(values);
    const sameKey = key ? duplicateOf(row, `key:${key}`) : [];
    const samePlace = duplicateOf(row, `place:${blockNumber(values.block, values.number)}`);
    if (sameKey.length > 0 || samePlace.length > 0) {
      push({
        ...base,
        row,
        action: "rejected",
        key,
        label,
        code: "duplicate",
        field: sameKey.length > 0 ? "key" : "number",
        value: (sameKey.length > 0 ? sameKey : samePlace).join(", "),
        reason:
          sameKey.length > 0
            ? `row key ${key} is also on row ${sameKey.join(", ")}`
            : `flat ${label} is also on row ${samePlace.join(", ")}`,
      });
      continue;
    }
    const atPlace = byPlace.get(blockNumber(values.block, values.number));
    let flat = key ? byKey.get(key) : undefined;
    if (!flat && atPlace) {
      if (key && atPlace.sourceRowKey && atPlace.sourceRowKey !== key) {
        push({
          ...base,
          row,
          action: "rejected",
          key,
          label,
          code: "taken",
          field: "number",
          value: atPlace.sourceRowKey,
          reason: `flat ${label} is imported from row key ${atPlace.sourceRowKey}`,
        });
        continue;
      }
      flat = atPlace;
    }
    if (flat && atPlace && atPlace.id !== flat.id) {
      push({
        ...base,
        row,
        action: "rejected",
        key,
        label,
        code: "occupied",
        field: "number",
        value: null,
        reason: `another flat is already ${label}`,
      });
      continue;
    }

    if (!flat) {
      if (values.status && LOCKED.includes(values.status)) {
        push({
          ...base,
          row,
          action: "conflict",
          key,
          label,
          code: "status_locked",
          field: "status",
          value: values.status,
          reason: lockedBySheet(values.status),
        });
        continue;
      }
      push({ ...base, row, action: "create", key, label, values });
      continue;
    }

    const current = { ...flat, price: Number(flat.price) };
    if (
      values.status &&
      values.status !== flat.status &&
      (LOCKED.includes(flat.status) || LOCKED.includes(values.status))
    ) {
      push({
        ...base,
        row,
        action: "conflict",
        key,
        label,
        flatId: flat.id,
        version: flat.version,
        code: LOCKED.includes(flat.status) ? "status_in_crm" : "status_locked",
        field: "status",
        value: LOCKED.includes(flat.status) ? flat.status : values.status,
        reason: LOCKED.includes(flat.status)
          ? `the flat is ${flat.status} in the CRM; the sheet says ${values.status}`
          : lockedBySheet(values.status),
      });
      continue;
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of FIELDS) {
      if (current[field] !== values[field])
        changes[field] = { from: current[field], to: values[field] };
    }
    if (values.status && values.status !== flat.status) {
      changes.status = { from: flat.status, to: values.status };
    }
    if (key && flat.sourceRowKey !== key) changes.key = { from: flat.sourceRowKey, to: key };
    const changed = Object.keys(changes).length > 0;
    push({
      ...base,
      row,
      action: changed ? "update" : "unchanged",
      key,
      label,
      flatId: flat.id,
      version: flat.version,
      changes: changed ? changes : null,
      values: changed ? values : undefined,
    });
  }
  return { mapping, lines, counts, rowsRead: dataRows.length };
}
