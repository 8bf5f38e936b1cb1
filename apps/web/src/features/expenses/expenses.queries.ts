import { expenseRoutes } from "@crm/contracts";
import type { BodyInput, QueryInput } from "@crm/contracts";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, ApiError } from "../../lib/api";

type ListQuery = Omit<NonNullable<QueryInput<typeof expenseRoutes.list>>, "cursor">;

/** Every expense figure (list, budgets, plan vs fact, ROI) hangs under one key. */
export const expenseKeys = {
  all: ["expenses"] as const,
  categories: ["expenses", "categories"] as const,
  list: (query: ListQuery) => ["expenses", "list", query] as const,
  budgets: (from: string, to: string) => ["expenses", "budgets", from, to] as const,
  planVsFact: (from: string, to: string, convertTo?: string) =>
    ["expenses", "plan-vs-fact", from, to, convertTo] as const,
  roi: (from: string, to: string, convertTo?: string) =>
    ["expenses", "roi", from, to, convertTo] as const,
  rates: ["expenses", "rates"] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: expenseKeys.categories,
    queryFn: ({ signal }) => api(expenseRoutes.categories, { signal }),
  });
}

export function useExpenses(query: ListQuery) {
  return useInfiniteQuery({
    queryKey: expenseKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api(expenseRoutes.list, { query: { ...query, cursor: pageParam, limit: 50 }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBudgets(from: string, to: string) {
  return useQuery({
    queryKey: expenseKeys.budgets(from, to),
    queryFn: ({ signal }) => api(expenseRoutes.budgets, { query: { from, to }, signal }),
  });
}

export function usePlanVsFact(from: string, to: string, convertTo?: "UZS" | "USD") {
  return useQuery({
    queryKey: expenseKeys.planVsFact(from, to, convertTo),
    queryFn: ({ signal }) =>
      api(expenseRoutes.planVsFact, { query: { from, to, convertTo }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRoi(from: string, to: string, convertTo?: "UZS" | "USD") {
  return useQuery({
    queryKey: expenseKeys.roi(from, to, convertTo),
    queryFn: ({ signal }) => api(expenseRoutes.roi, { query: { from, to, convertTo }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRates() {
  return useQuery({
    queryKey: expenseKeys.rates,
    queryFn: ({ signal }) => api(expenseRoutes.rates, { signal }),
  });
}

/** Any write here can move a total somewhere else on the page: refresh them all. */
function useExpenseMutation<V, R>(call: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: expenseKeys.all }),
  });
}

export const useCreateCategory = () =>
  useExpenseMutation((body: BodyInput<typeof expenseRoutes.createCategory>) =>
    api(expenseRoutes.createCategory, { body }),
  );
export const useUpdateCategory = () =>
  useExpenseMutation(
    ({ id, body }: { id: number; body: BodyInput<typeof expenseRoutes.updateCategory> }) =>
      api(expenseRoutes.updateCategory, { params: { id }, body }),
  );
export const useCreateExpense = () =>
  useExpenseMutation((body: BodyInput<typeof expenseRoutes.create>) =>
    api(expenseRoutes.create, { body }),
  );
export const useUpdateExpense = () =>
  useExpenseMutation(({ id, body }: { id: number; body: BodyInput<typeof expenseRoutes.update> }) =>
    api(expenseRoutes.update, { params: { id }, body }),
  );
export const useVoidExpense = () =>
  useExpenseMutation(({ id, reason }: { id: number; reason: string }) =>
    api(expenseRoutes.void, { params: { id }, body: { reason } }),
  );
export const useSetBudget = () =>
  useExpenseMutation((body: BodyInput<typeof expenseRoutes.setBudget>) =>
    api(expenseRoutes.setBudget, { body }),
  );
export const useDeleteBudget = () =>
  useExpenseMutation((id: number) => api(expenseRoutes.deleteBudget, { params: { id } }));
export const useSetRate = () =>
  useExpenseMutation(({ month, uzsPerUsd }: { month: string; uzsPerUsd: number }) =>
    api(expenseRoutes.setRate, { params: { month }, body: { uzsPerUsd } }),
  );

/** The receipt goes as the request body itself (its type is checked by its bytes on the server). */
export const useAttachReceipt = () =>
  useExpenseMutation(async ({ id, file }: { id: number; file: File }) => {
    const route = expenseRoutes.putAttachment;
    const response = await fetch(`/api/expenses/${id}/attachment`, {
      method: "PUT",
      credentials: "same-origin",
      headers: {
        "Content-Type": file.type || "application/octet-stream",
        "X-File-Name": encodeURIComponent(file.name),
        Accept: "application/json",
      },
      body: file,
    });
    if (!response.ok) {
      let problem: unknown = null;
      try {
        problem = await response.json();
      } catch {
        // not a problem body
      }
      const body = (problem ?? {}) as { title?: string; detail?: string; code?: string };
      throw new ApiError(
        {
          type: "about:blank",
          title: body.title ?? response.statusText,
          status: response.status,
          detail: body.detail,
          code: body.code ?? `HTTP_${response.status}`,
        },
        route,
      );
    }
    return route.response.parse(await response.json());
  });
