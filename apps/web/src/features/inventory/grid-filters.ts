import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { isFlatStatus } from "./flat-meta";
import type { FlatStatus } from "./flat-meta";
import type { GridQuery } from "./inventory.queries";

/** What the URL holds. Prices are whole currency units here (people share these links). */
export interface GridFilters {
  rooms?: number;
  status?: FlatStatus;
  priceMin?: number;
  priceMax?: number;
  areaMin?: number;
  areaMax?: number;
}

export const GRID_FILTER_NAMES = [
  "rooms",
  "status",
  "priceMin",
  "priceMax",
  "areaMin",
  "areaMax",
] as const;

function nonNegative(value: string | null, integer: boolean): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) return undefined;
  if (integer && !Number.isInteger(number)) return undefined;
  return number;
}

/** Reads the filters from a query string, dropping anything invalid instead of failing. */
export function parseGridFilters(params: URLSearchParams): GridFilters {
  const filters: GridFilters = {};
  const rooms = nonNegative(params.get("rooms"), true);
  if (rooms !== undefined && rooms <= 20) filters.rooms = rooms;
  const status = params.get("status");
  if (isFlatStatus(status)) filters.status = status;
  for (const name of ["priceMin", "priceMax", "areaMin", "areaMax"] as const) {
    const value = nonNegative(params.get(name), false);
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

/** The API's query: prices in minor units. */
export function toGridQuery(filters: GridFilters): GridQuery {
  const query: GridQuery = {};
  if (filters.rooms !== undefined) query.rooms = filters.rooms;
  if (filters.status) query.status = filters.status;
  if (filters.priceMin !== undefined) query.priceMin = Math.round(filters.priceMin * 100);
  if (filters.priceMax !== undefined) query.priceMax = Math.round(filters.priceMax * 100);
  if (filters.areaMin !== undefined) query.areaMin = filters.areaMin;
  if (filters.areaMax !== undefined) query.areaMax = filters.areaMax;
  return query;
}

/** Filters, the block and the open flat live in the URL (?rooms=2&status=FREE&block=B&flat=123). */
export function useGridSearchParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filterKey = GRID_FILTER_NAMES.map((name) => searchParams.get(name) ?? "").join("|");
  // Equal filters give the same object, so the query key (and the memoized grid) stay put.
  const filters = useMemo(() => parseGridFilters(searchParams), [filterKey]);
  // Which block's tab is open ("all", a block's name, or none: the first block) and whether
  // cells show the price per m² are view choices, kept in the URL but not filters.
  const block = searchParams.get("block");
  const perM2 = searchParams.get("perM2") === "1";
  const flatParam = Number(searchParams.get("flat"));
  const openFlatId = Number.isSafeInteger(flatParam) && flatParam > 0 ? flatParam : null;

  const setParams = useCallback(
    (patch: Record<string, string | number | null | undefined>, push = false) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === "") next.delete(name);
            else next.set(name, String(value));
          }
          return next;
        },
        // Opening a flat is a step Back should undo (marked, so closing can go back instead
        // of stacking another entry); filter tweaks replace the entry.
        push ? { state: { openedFlat: true } } : { replace: true },
      ),
    [setSearchParams],
  );

  const clearFilters = useCallback(
    () => setParams(Object.fromEntries(GRID_FILTER_NAMES.map((name) => [name, null]))),
    [setParams],
  );

  return { filters, block, perM2, openFlatId, setParams, clearFilters };
}
