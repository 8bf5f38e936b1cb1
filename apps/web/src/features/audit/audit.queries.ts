import { auditLogRoutes } from "@crm/contracts";
import type { TAuditFilters } from "@crm/contracts";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const auditKeys = { list: (filters: TAuditFilters) => ["audit", filters] as const };

/** The log page by page (keyset cursor), newest first. */
export function useAuditLog(filters: TAuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api(auditLogRoutes.list, { query: { ...filters, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
