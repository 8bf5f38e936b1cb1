import { dealRoutes, leadRoutes, mayCall } from "@crm/contracts";
import type { BodyInput, QueryInput, TDeal, TRoleCode } from "@crm/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { policySettingsKey } from "../../app/policy";
import { api, isApiError } from "../../lib/api";
import { financeKeys } from "../finance/finance.queries";
import { inventoryKeys } from "../inventory/inventory.queries";

type DealsQuery = QueryInput<typeof dealRoutes.list>;

export const dealsKeys = {
  all: ["deals"] as const,
  detail: (id: number) => ["deals", "detail", id] as const,
  lists: ["deals", "list"] as const,
  list: (query: DealsQuery) => ["deals", "list", query] as const,
};

/** Contracts, newest first (a seller gets only those of their own leads). */
export function useDeals(query: DealsQuery) {
  return useQuery({
    queryKey: dealsKeys.list(query),
    queryFn: ({ signal }) => api(dealRoutes.list, { query, signal }),
    // A filter change keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: (previous) => previous,
  });
}

/**
 * The lead's current contract: the newest one not cancelled (a cancelled contract frees the flat
 * and the lead may get a new one). `undefined` while loading, `null` when there is none.
 */
export function useLeadDeal(leadId: number | null, role: TRoleCode) {
  const enabled = leadId !== null && mayCall(dealRoutes.list, role);
  const query: DealsQuery = { leadId: leadId ?? 0 };
  const deals = useQuery({
    queryKey: dealsKeys.list(query),
    queryFn: ({ signal }) => api(dealRoutes.list, { query, signal }),
    enabled,
  });
  if (!enabled) return null;
  if (!deals.data) return undefined;
  return deals.data.items.find((deal) => deal.status !== "CANCELLED") ?? null;
}

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
    queryClient.invalidateQueries({ queryKey: dealsKeys.lists }),
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
    // Refused terms may mean the price policy changed since the form loaded it: reload it, so
    // the form checks the terms against the limits the API now applies.
    onError: (error) => {
      if (isApiError(error, 400))
        void queryClient.invalidateQueries({ queryKey: policySettingsKey });
    },
  });
}

/** A write that answers with the whole contract: its page updates at once from the answer. */
function useDealWrite<V = void>(call: (variables: V) => Promise<TDeal>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (deal) => invalidateAround(queryClient, deal),
  });
}

export const useSignDeal = (id: number) =>
  useDealWrite(() => api(dealRoutes.sign, { params: { id } }));

export const useCancelDeal = (id: number) =>
  useDealWrite(() => api(dealRoutes.cancel, { params: { id } }));

export const useApproveDeal = (id: number) =>
  useDealWrite((body: BodyInput<typeof dealRoutes.approve>) =>
    api(dealRoutes.approve, { params: { id }, body }),
  );

export const useRejectDeal = (id: number) =>
  useDealWrite((body: BodyInput<typeof dealRoutes.reject>) =>
    api(dealRoutes.reject, { params: { id }, body }),
  );

/** A sum for the contract as a whole; the API spreads it over the oldest open instalments. */
export const useRecordReceipt = (id: number) =>
  useDealWrite((body: BodyInput<typeof dealRoutes.recordReceipt>) =>
    api(dealRoutes.recordReceipt, { params: { id }, body }),
  );

export const useReverseReceipt = () =>
  useDealWrite(({ receiptId, reason }: { receiptId: number; reason: string }) =>
    api(dealRoutes.reverseReceipt, { params: { id: receiptId }, body: { reason } }),
  );

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
        queryClient.invalidateQueries({ queryKey: dealsKeys.lists }),
        queryClient.invalidateQueries({ queryKey: financeKeys.all }),
      ]),
  });
}
