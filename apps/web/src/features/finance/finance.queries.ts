import { dealRoutes, financeRoutes } from "@crm/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** Money pages read the schedules: any recorded payment or deal change makes them stale. */
export const financeKeys = {
  all: ["finance"] as const,
  overdue: (limit: number) => ["finance", "overdue", limit] as const,
  complexes: (complexId: number | undefined) => ["finance", "complexes", complexId] as const,
  forecast: (from: string, months: number) => ["finance", "forecast", from, months] as const,
};

export function useOverdue(limit: number) {
  return useQuery({
    queryKey: financeKeys.overdue(limit),
    queryFn: ({ signal }) => api(dealRoutes.overdue, { query: { limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCashByComplex(complexId: number | undefined) {
  return useQuery({
    queryKey: financeKeys.complexes(complexId),
    queryFn: ({ signal }) => api(financeRoutes.cashByComplex, { query: { complexId }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(from: string, months: number) {
  return useQuery({
    queryKey: financeKeys.forecast(from, months),
    queryFn: ({ signal }) => api(financeRoutes.forecast, { query: { from, months }, signal }),
    placeholderData: keepPreviousData,
  });
}
