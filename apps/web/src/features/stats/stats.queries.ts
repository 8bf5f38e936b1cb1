import { statsRoutes } from "@crm/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { tzOffsetMinutes } from "../../lib/dates";

export type StatsPeriod = "day" | "week" | "month";

export interface StatsRange {
  from?: string;
  to?: string;
  ownerId?: number;
  complexId?: number;
}

export const statsKeys = {
  all: ["stats"] as const,
  leads: (range: StatsRange) => ["stats", "leads", range] as const,
  periods: (range: StatsRange, period: StatsPeriod) => ["stats", "periods", range, period] as const,
};

export function useLeadStats(range: StatsRange, enabled = true) {
  return useQuery({
    queryKey: statsKeys.leads(range),
    queryFn: ({ signal }) => api(statsRoutes.leads, { query: range, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePeriodStats(range: StatsRange, period: StatsPeriod) {
  return useQuery({
    queryKey: statsKeys.periods(range, period),
    queryFn: ({ signal }) =>
      api(statsRoutes.periods, {
        query: { ...range, period, tzOffset: tzOffsetMinutes() },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
