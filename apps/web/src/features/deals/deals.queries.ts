import { dealRoutes, leadRoutes } from "@crm/contracts";
import type { BodyInput, TDeal } from "@crm/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { financeKeys } from "../finance/finance.queries";
import { inventoryKeys } from "../inventory/inventory.queries";

export const dealsKeys = {
  all: ["deals"] as const,
  detail: (id: number) => ["deals", "detail", id] as const,
};

/** The lead a contract is drafted for (same cache entry as the lead card's). */
export function useDealLead(leadId: number) {
  return useQuery({
    queryKey: ["leads", "detail", leadId],
    queryFn: ({ signal }) => api(leadRoutes.get, { params: { id: leadId }, signal }),
  });
}

export function useDeal(id: number) {
  return useQuery({
    queryKey: dealsKeys.detail(id),
    queryFn: ({ signal }) => api(dealRoutes.get, { params: { id }, signal }),
  });
}

/**
 * Creating, signing or cancelling changes the flat (grid, counts), the lead and the money pages.
 * The deal itself is known from the answer; the rest refreshes in the background.
 */
function invalidateAround(queryClient: QueryClient, deal: TDeal) {
  queryClient.setQueryData(dealsKeys.detail(deal.id), deal);
  void Promise.all([
    queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["leads"] }),
    queryClient.invalidateQueries({ queryKey: financeKeys.all }),
  ]);
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyInput<typeof dealRoutes.create>) => api(dealRoutes.create, { body }),
    onSuccess: (deal) => invalidateAround(queryClient, deal),
  });
}

export function useSignDeal(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(dealRoutes.sign, { params: { id } }),
    onSuccess: (deal) => invalidateAround(queryClient, deal),
  });
}

export function useCancelDeal(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(dealRoutes.cancel, { params: { id } }),
    onSuccess: (deal) => invalidateAround(queryClient, deal),
  });
}

export function useRecordPayment(dealId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      paymentId,
      body,
    }: {
      paymentId: number;
      body: BodyInput<typeof dealRoutes.recordPayment>;
    }) => api(dealRoutes.recordPayment, { params: { id: paymentId }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dealsKeys.detail(dealId) }),
        queryClient.invalidateQueries({ queryKey: financeKeys.all }),
      ]),
  });
}
