import { LEAD_SORTS, MAX_MONEY, ZCurrency, ZId } from "@crm/contracts";
import type { TCurrency } from "@crm/contracts";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { dayEndIso, dayStartIso, isDay } from "../../lib/dates";
import { isLeadSource, isLeadStatus } from "./lead-meta";
import type { LeadSource, LeadStatus } from "./lead-meta";

export type LeadSort = (typeof LEAD_SORTS)[number];
/** Archived leads: left out unless asked for (admins only), with the others or alone. */
export const ARCHIVED_FILTERS = ["include", "only"] as const;
export type ArchivedFilter = (typeof ARCHIVED_FILTERS)[number];
export type SortOrder = "asc" | "desc";

/** What the URL holds; dates are local days, the API gets instants (see toApiFilters). */
export interface LeadFilters {
  status?: LeadStatus[];
  source?: LeadSource;
  ownerId?: number | "none";
  region?: string;
  complexId?: number;
  from?: string;
  to?: string;
  q?: string;
  /** No change, comment or call for this many days (the dashboard's "stuck" figure). */
  idleDays?: number;
  /** Budget bounds in major units (сум, dollars) of `budgetCurrency`, as a person types them. */
  budgetMin?: number;
  budgetMax?: number;
  budgetCurrency?: TCurrency;
  archived?: ArchivedFilter;
}

/** The filters as the API's query string wants them (GET /api/leads and /api/leads/count). */
export interface ApiLeadFilters {
  status?: string;
  source?: string;
  ownerId?: number | "none";
  region?: string;
  complexId?: number;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  idleDays?: number;
  /** Minor units. */
  budgetMin?: number;
  budgetMax?: number;
  budgetCurrency?: TCurrency;
  archived?: ArchivedFilter;
}

/** `seesArchived`: a link with `archived=` opened by someone who may not list archived leads. */
export function toApiFilters(filters: LeadFilters, seesArchived: boolean): ApiLeadFilters {
  const api: ApiLeadFilters = {};
  if (filters.status?.length) api.status = filters.status.join(",");
  if (filters.source) api.source = filters.source;
  if (filters.ownerId !== undefined) api.ownerId = filters.ownerId;
  if (filters.region) api.region = filters.region;
  if (filters.complexId !== undefined) api.complexId = filters.complexId;
  if (filters.from) api.createdFrom = dayStartIso(filters.from);
  if (filters.to) api.createdTo = dayEndIso(filters.to);
  if (filters.q) api.q = filters.q;
  if (filters.idleDays) api.idleDays = filters.idleDays;
  // A bound needs its currency; сум unless the URL says otherwise (the form's default).
  const hasBound = filters.budgetMin !== undefined || filters.budgetMax !== undefined;
  if (filters.budgetCurrency || hasBound) api.budgetCurrency = filters.budgetCurrency ?? "UZS";
  if (filters.budgetMin !== undefined) api.budgetMin = Math.round(filters.budgetMin * 100);
  if (filters.budgetMax !== undefined) api.budgetMax = Math.round(filters.budgetMax * 100);
  if (filters.archived && seesArchived) api.archived = filters.archived;
  return api;
}

/** Reads the filters from a query string, dropping anything invalid instead of failing. */
export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const filters: LeadFilters = {};
  const statuses = (params.get("status") ?? "").split(",").filter(isLeadStatus);
  if (statuses.length > 0) filters.status = [...new Set(statuses)];
  const source = params.get("source");
  if (isLeadSource(source)) filters.source = source;
  const owner = params.get("ownerId");
  if (owner === "none") filters.ownerId = "none";
  else {
    const id = ZId.safeParse(owner ?? undefined);
    if (id.success) filters.ownerId = id.data;
  }
  const region = params.get("region")?.trim();
  if (region) filters.region = region.slice(0, 100);
  const complex = ZId.safeParse(params.get("complexId") ?? undefined);
  if (complex.success) filters.complexId = complex.data;
  const from = params.get("from");
  if (isDay(from)) filters.from = from;
  const to = params.get("to");
  if (isDay(to)) filters.to = to;
  const q = params.get("q")?.trim();
  if (q) filters.q = q.slice(0, 100);
  const idle = Number(params.get("idleDays"));
  if (Number.isInteger(idle) && idle >= 1 && idle <= 365) filters.idleDays = idle;
  const budgetMin = budgetBound(params.get("budgetMin"));
  if (budgetMin !== undefined) filters.budgetMin = budgetMin;
  const budgetMax = budgetBound(params.get("budgetMax"));
  if (budgetMax !== undefined && (budgetMin === undefined || budgetMax >= budgetMin)) {
    filters.budgetMax = budgetMax;
  }
  const currency = ZCurrency.safeParse(params.get("budgetCurrency") ?? undefined);
  if (currency.success) filters.budgetCurrency = currency.data;
  const archived = params.get("archived");
  if ((ARCHIVED_FILTERS as readonly (string | null)[]).includes(archived)) {
    filters.archived = archived as ArchivedFilter;
  }
  return filters;
}

/** A budget bound in the URL: major units, up to two decimals, within what money may hold. */
function budgetBound(text: string | null): number | undefined {
  if (!text || !/^\d{1,13}(\.\d{1,2})?$/.test(text)) return undefined;
  const value = Number(text);
  return value * 100 <= MAX_MONEY ? value : undefined;
}

export function parseSort(params: URLSearchParams): { sort: LeadSort; order: SortOrder } {
  const sort = params.get("sort");
  const order = params.get("order");
  return {
    sort: (LEAD_SORTS as readonly string[]).includes(sort ?? "") ? (sort as LeadSort) : "createdAt",
    order: order === "asc" ? "asc" : "desc",
  };
}

export const hasActiveFilters = (filters: LeadFilters) => Object.keys(filters).length > 0;

type ParamValue = string | number | readonly string[] | undefined | null;

/**
 * Filters and sort live in the URL so a view can be shared, reloaded and navigated back to.
 * The table and the board read the same parameters, so switching views keeps the filters.
 */
export function useLeadSearchParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  // The query string is the identity: equal strings give the same objects (stable query keys).
  const key = searchParams.toString();
  const filters = useMemo(() => parseLeadFilters(searchParams), [key]);
  const sort = useMemo(() => parseSort(searchParams), [key]);

  const setParams = useCallback(
    (patch: Record<string, ParamValue>) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(patch)) {
            const text = Array.isArray(value) ? value.join(",") : value;
            if (text === undefined || text === null || text === "") next.delete(name);
            else next.set(name, String(text));
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  const clearFilters = useCallback(
    () =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams();
          for (const name of ["sort", "order"]) {
            const value = current.get(name);
            if (value) next.set(name, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  return { filters, sort, setParams, clearFilters };
}
