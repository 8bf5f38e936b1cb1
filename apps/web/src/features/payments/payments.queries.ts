import { paymentRegisterRoutes } from "@crm/contracts";
import type { QueryInput } from "@crm/contracts";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

type RegisterQuery = Omit<NonNullable<QueryInput<typeof paymentRegisterRoutes.register>>, "cursor">;

export const registerKeys = {
  list: (query: RegisterQuery) => ["payments-register", query] as const,
  expected: ["payments-register", "expected"] as const,
};

export function useRegister(query: RegisterQuery) {
  return useInfiniteQuery({
    queryKey: registerKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api(paymentRegisterRoutes.register, {
        query: { ...query, cursor: pageParam, limit: 50 },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useExpectedVsReceived() {
  return useQuery({
    queryKey: registerKeys.expected,
    queryFn: ({ signal }) => api(paymentRegisterRoutes.expectedVsReceived, { signal }),
  });
}
