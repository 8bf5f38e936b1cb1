import { decodeGrid, inventoryRoutes, ZId } from "@crm/contracts";
import type { BodyInput, QueryInput } from "@crm/contracts";
import type { QueryClient } from "@tanstack/react-query";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "../../lib/api";
import { parseGridFilters, toGridQuery } from "./grid-filters";

export type GridQuery = NonNullable<QueryInput<typeof inventoryRoutes.grid>>;
export type FlatSearchQuery = Omit<
  NonNullable<QueryInput<typeof inventoryRoutes.searchFlats>>,
  "cursor" | "limit"
>;

export const inventoryKeys = {
  all: ["inventory"] as const,
  complexes: () => ["inventory", "complexes"] as const,
  grids: () => ["inventory", "grid"] as const,
  grid: (complexId: number, query: GridQuery) => ["inventory", "grid", complexId, query] as const,
  flat: (id: number) => ["inventory", "flat", id] as const,
  searches: () => ["inventory", "search"] as const,
  search: (query: FlatSearchQuery) => ["inventory", "search", query] as const,
};

// ── Reads ───────────────────────────────────────────────────────────────────

export function useComplexes() {
  return useQuery({
    queryKey: inventoryKeys.complexes(),
    queryFn: ({ signal }) => api(inventoryRoutes.listComplexes, { signal }),
  });
}

/** The grid's query, shared by the page and the route's prefetch. */
const gridQuery = (complexId: number, query: GridQuery) => ({
  queryKey: inventoryKeys.grid(complexId, query),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api(inventoryRoutes.grid, { params: { id: complexId }, query, signal }),
  // Holds expire and colleagues book: a grid left open should not lie for long.
  staleTime: 15_000,
});

export function useGrid(complexId: number, query: GridQuery) {
  return useQuery({
    ...gridQuery(complexId, query),
    // The wire format is columnar (see ZGrid); the page draws blocks × floors × cells.
    select: decodeGrid,
    // New filters only change which cells are dimmed: keep the grid on screen meanwhile.
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Starts loading the grid a URL shows (`/complexes/:id/grid?…`), before its page renders. */
export function prefetchGrid(
  queryClient: QueryClient,
  id: string | undefined,
  search: URLSearchParams,
) {
  const complexId = ZId.safeParse(id);
  if (!complexId.success) return;
  void queryClient.prefetchQuery(gridQuery(complexId.data, toGridQuery(parseGridFilters(search))));
}

export function useFlat(id: number) {
  return useQuery({
    queryKey: inventoryKeys.flat(id),
    queryFn: ({ signal }) => api(inventoryRoutes.getFlat, { params: { id }, signal }),
    staleTime: 5_000,
  });
}

/** Free flats of every complex for the search, cheapest first, a page at a time. */
export function useFlatSearch(query: FlatSearchQuery) {
  return useInfiniteQuery({
    queryKey: inventoryKeys.search(query),
    queryFn: ({ pageParam, signal }) =>
      api(inventoryRoutes.searchFlats, {
        query: { ...query, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

// ── Writes ──────────────────────────────────────────────────────────────────

/**
 * A booking changes the grid, the counts on the complex cards and the lead's status. Not awaited
 * by the mutation: the panel that started it unmounts once the flat's new status arrives, and it
 * must hear about its success first.
 */
function invalidateAfterHoldChange(queryClient: QueryClient, flatId: number) {
  void Promise.all([
    queryClient.invalidateQueries({ queryKey: inventoryKeys.flat(flatId) }),
    queryClient.invalidateQueries({ queryKey: inventoryKeys.grids() }),
    queryClient.invalidateQueries({ queryKey: inventoryKeys.complexes() }),
    queryClient.invalidateQueries({ queryKey: inventoryKeys.searches() }),
    queryClient.invalidateQueries({ queryKey: ["leads"] }),
  ]);
}

export function useCreateComplex() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyInput<typeof inventoryRoutes.createComplex>) =>
      api(inventoryRoutes.createComplex, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.complexes() }),
  });
}

export function useCreateFlat(complexId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyInput<typeof inventoryRoutes.createFlat>) =>
      api(inventoryRoutes.createFlat, { params: { id: complexId }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inventoryKeys.grids() }),
        queryClient.invalidateQueries({ queryKey: inventoryKeys.complexes() }),
      ]),
  });
}

export function useUpdateFlatPrice(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (price: number) =>
      api(inventoryRoutes.updateFlat, { params: { id: flatId }, body: { price } }),
    onSuccess: () => invalidateAfterHoldChange(queryClient, flatId),
  });
}

export function useBookFlat(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { leadId: number; days: number }) =>
      api(inventoryRoutes.book, { params: { id: flatId }, body }),
    onSuccess: () => invalidateAfterHoldChange(queryClient, flatId),
    // A 409 means someone else was faster: show the flat as it is now.
    onError: () => invalidateAfterHoldChange(queryClient, flatId),
  });
}

/** Books a flat picked from the search for one lead (the same booking call and rules). */
export function useBookForLead(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (flatId: number) =>
      api(inventoryRoutes.book, { params: { id: flatId }, body: { leadId } }),
    onSettled: (_flat, _error, flatId) => invalidateAfterHoldChange(queryClient, flatId),
  });
}

export function useProlongHold(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) =>
      api(inventoryRoutes.prolong, { params: { id: flatId }, body: { days } }),
    onSuccess: () => invalidateAfterHoldChange(queryClient, flatId),
  });
}

export function useReleaseHold(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(inventoryRoutes.release, { params: { id: flatId } }),
    onSuccess: () => invalidateAfterHoldChange(queryClient, flatId),
  });
}

export function useJoinBookingQueue(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (leadId: number) =>
      api(inventoryRoutes.joinBookingQueue, { params: { id: flatId }, body: { leadId } }),
    onSuccess: (flat) => queryClient.setQueryData(inventoryKeys.flat(flatId), flat),
  });
}

export function useLeaveBookingQueue(flatId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (leadId: number) =>
      api(inventoryRoutes.leaveBookingQueue, { params: { id: flatId, leadId } }),
    onSuccess: (flat) => queryClient.setQueryData(inventoryKeys.flat(flatId), flat),
  });
}
