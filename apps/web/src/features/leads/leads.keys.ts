import type { ApiLeadFilters, LeadSort, SortOrder } from "./lead-filters";

export type LeadListQuery = ApiLeadFilters & { sort: LeadSort; order: SortOrder; limit: number };
export const leadsKeys = {
  all: ["leads"] as const,
  lists: () => ["leads", "list"] as const,
  list: (query: LeadListQuery) => ["leads", "list", query] as const,
  counts: () => ["leads", "count"] as const,
  count: (filters: ApiLeadFilters) => ["leads", "count", filters] as const,
  boardSummaries: () => ["leads", "board-summary"] as const,
  boardSummary: (filters: ApiLeadFilters) => ["leads", "board-summary", filters] as const,
  detail: (id: number) => ["leads", "detail", id] as const,
  timeline: (id: number) => ["leads", "timeline", id] as const,
  flats: (id: number) => ["leads", "detail", id, "flats"] as const,
};

export const savedFiltersKeys = {
  all: ["saved-filters"] as const,
  list: (scope: "leads") => ["saved-filters", scope] as const,
};

export type CallbackBucket = "overdue" | "today" | "upcoming" | "done";
export type CallbackScope = "mine" | "team";

export const callbacksKeys = {
  all: ["callbacks"] as const,
  list: (bucket: CallbackBucket, scope: CallbackScope, userId?: number, limit = 50) =>
    ["callbacks", bucket, scope, userId ?? null, limit] as const,
};
