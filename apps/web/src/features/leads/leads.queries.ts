import { activityRoutes, leadRoutes, statsRoutes, userRoutes, leadPolicy } from "@crm/contracts";
import type { TBulkLeadRequest, TRoleCode } from "@crm/contracts";
import type { QueryClient } from "@tanstack/react-query";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api } from "../../lib/api";
import { inventoryKeys } from "../inventory/inventory.queries";
import { statsKeys } from "../stats/stats.queries";
import { usersKeys } from "../users/users.queries";
import { invalidateCallbackData } from "./callbacks.queries";
import type { ApiLeadFilters } from "./lead-filters";
import { callbacksKeys, leadsKeys } from "./leads.keys";
import type { LeadListQuery } from "./leads.keys";

// ── Reads ───────────────────────────────────────────────────────────────────

export function useLeadList(query: LeadListQuery) {
  return useInfiniteQuery({
    queryKey: leadsKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      api(leadRoutes.list, { query: { ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While new filters load, the old rows stay visible instead of a spinner flash.
    placeholderData: keepPreviousData,
  });
}

/** The total is a separate, slower call, so the list never waits for it. */
export function useLeadCount(filters: ApiLeadFilters) {
  return useQuery({
    queryKey: leadsKeys.count(filters),
    queryFn: ({ signal }) => api(leadRoutes.count, { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The board's column headers: count and budget sums per status, in one request. */
export function useBoardSummary(filters: ApiLeadFilters) {
  return useQuery({
    queryKey: leadsKeys.boardSummary(filters),
    queryFn: ({ signal }) => api(leadRoutes.boardSummary, { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The lead's flat of interest and held flats, by number and complex. */
export function useLeadFlats(id: number) {
  return useQuery({
    queryKey: leadsKeys.flats(id),
    queryFn: ({ signal }) => api(leadRoutes.flats, { params: { id }, signal }),
  });
}

export function useLead(id: number) {
  return useQuery({
    queryKey: leadsKeys.detail(id),
    queryFn: ({ signal }) => api(leadRoutes.get, { params: { id }, signal }),
  });
}

export function useTimeline(id: number) {
  return useQuery({
    queryKey: leadsKeys.timeline(id),
    queryFn: ({ signal }) => api(activityRoutes.timeline, { params: { id }, signal }),
  });
}

export interface PersonOption {
  id: number;
  name: string;
}

/**
 * Active sellers and sales managers a lead may be given to (GET /api/users/assignable). Only
 * MOP and ADMIN may ask; for everyone else the query stays idle and `data` is undefined.
 */
export function useAssignableUsers(role: TRoleCode) {
  return useQuery({
    queryKey: usersKeys.assignable(),
    queryFn: ({ signal }) => api(userRoutes.assignable, { signal }),
    enabled: leadPolicy.canReassign({ id: 0, role }),
    staleTime: 5 * 60_000,
  });
}

/**
 * People to pick as a lead's owner or to filter by. Managers get everyone assignable; an ROP,
 * who may not ask for that list, gets the sellers the statistics name (those who own leads).
 */
export function useOwnerOptions(role: TRoleCode): PersonOption[] {
  const assignable = useAssignableUsers(role);
  const stats = useLeadStatsSummary(role, role === "ROP");
  if (leadPolicy.canReassign({ id: 0, role })) {
    return (assignable.data?.items ?? []).map(({ id, name }) => ({ id, name }));
  }
  const options = (stats.data?.bySeller ?? []).flatMap((row) =>
    row.ownerId === null ? [] : [{ id: row.ownerId, name: row.name ?? `#${row.ownerId}` }],
  );
  return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Complex names: there is no complexes endpoint yet, so they come from the statistics too. */
export function useComplexOptions(role: TRoleCode): PersonOption[] {
  const stats = useLeadStatsSummary(role, true);
  return (stats.data?.byComplex ?? []).flatMap((row) =>
    row.complexId === null ? [] : [{ id: row.complexId, name: row.name ?? `#${row.complexId}` }],
  );
}

function useLeadStatsSummary(role: TRoleCode, wanted: boolean) {
  return useQuery({
    queryKey: statsKeys.leads({}),
    queryFn: ({ signal }) => api(statsRoutes.leads, { query: {}, signal }),
    enabled: wanted && role !== "FINANCIER",
    staleTime: 5 * 60_000,
  });
}

// ── Writes ──────────────────────────────────────────────────────────────────

export function invalidateLeadData(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: leadsKeys.all }),
    queryClient.invalidateQueries({ queryKey: statsKeys.all }),
    queryClient.invalidateQueries({ queryKey: callbacksKeys.all }),
  ]);
}

/** Archives a lead (DELETE): it leaves lists and statistics; a hold it had is released. */
export function useArchiveLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(leadRoutes.remove, { params: { id } }),
    onSuccess: (_result, id) => {
      // The open card must not refetch (and flash "not found") before the caller navigates
      // away: mark it stale only, so a later visit asks the server (404, or read-only for an
      // admin).
      void queryClient.invalidateQueries({ queryKey: leadsKeys.detail(id), refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: leadsKeys.timeline(id), refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: leadsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: leadsKeys.counts() });
      void queryClient.invalidateQueries({ queryKey: statsKeys.all });
      void queryClient.invalidateQueries({ queryKey: callbacksKeys.all });
      // A released hold changes the шахматка.
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
    },
  });
}

/** Brings an archived lead back into the lists (admins). */
export function useRestoreLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(leadRoutes.restore, { params: { id } }),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadsKeys.detail(lead.id), lead);
      return invalidateLeadData(queryClient);
    },
  });
}

export function useReassignLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ownerId }: { id: number; ownerId: number }) =>
      api(leadRoutes.reassign, { params: { id }, body: { ownerId } }),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadsKeys.detail(lead.id), lead);
      return invalidateLeadData(queryClient);
    },
  });
}

/** One action over the selected leads; the answer says, per lead, done or why refused. */
export function useBulkLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBulkLeadRequest) => api(leadRoutes.bulk, { body }),
    onSuccess: (result) => {
      for (const outcome of result.results) {
        if (outcome.ok) queryClient.setQueryData(leadsKeys.detail(outcome.id), outcome.lead);
      }
      return invalidateLeadData(queryClient);
    },
  });
}

// ── Comments and callbacks ──────────────────────────────────────────────────

export function useAddComment(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api(activityRoutes.addComment, { params: { id: leadId }, body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadsKeys.timeline(leadId) }),
  });
}

export function useEditComment(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) =>
      api(activityRoutes.editComment, { params: { id }, body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadsKeys.timeline(leadId) }),
  });
}

export function useDeleteComment(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(activityRoutes.deleteComment, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadsKeys.timeline(leadId) }),
  });
}

export function useAddCallback(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { dueAt: string; note: string }) =>
      api(activityRoutes.addCallback, { params: { id: leadId }, body }),
    onSuccess: () => invalidateCallbackData(queryClient, leadId),
  });
}

export function useDeleteCallback(leadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(activityRoutes.deleteCallback, { params: { id } }),
    onSuccess: () => invalidateCallbackData(queryClient, leadId),
  });
}
