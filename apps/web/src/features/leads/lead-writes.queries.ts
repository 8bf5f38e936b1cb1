import { leadWriteRoutes } from "@crm/contracts";
import type {
  TCreateLeadRequest,
  TLead,
  TLeadBoardSummary,
  TLeadPage,
  TUpdateLeadRequest,
} from "@crm/contracts";
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import type { ApiLeadFilters } from "./lead-filters";
import { LEAD_STATUSES } from "./lead-meta";
import type { LeadStatus } from "./lead-meta";
import { leadsKeys } from "./leads.keys";
import type { LeadListQuery } from "./leads.keys";
import { invalidateLeadData } from "./leads.queries";

// Creating a lead and changing its fields: apart from leads.queries.ts because their contracts
// check phone numbers (see @crm/contracts/lead-writes), so only the pages that write a lead load
// libphonenumber.

export function useCreateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateLeadRequest) => api(leadWriteRoutes.create, { body }),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadsKeys.detail(lead.id), lead);
      return invalidateLeadData(queryClient);
    },
  });
}

/** Every filter except status, as one comparable string. */
function filterBase(query: ApiLeadFilters): string {
  const rest: Record<string, unknown> = { ...query };
  for (const name of ["status", "sort", "order", "limit"]) delete rest[name];
  return JSON.stringify(
    Object.keys(rest)
      .sort()
      .map((name) => [name, rest[name]]),
  );
}

const statusesOf = (query: ApiLeadFilters): string[] | null =>
  query.status ? query.status.split(",") : null;

type Snapshot = [QueryKey, unknown][];

/**
 * Applies a changed lead to every cached list and count at once: replaced where it is, removed
 * from lists whose status filter it no longer matches, and added on top of lists it now
 * matches (only lists with the same other filters as one it was in — a board column it moved
 * to, never an unrelated view).
 */
function patchCachedLists(queryClient: QueryClient, before: TLead, after: TLead) {
  const lists = queryClient.getQueriesData<InfiniteData<TLeadPage>>({
    queryKey: leadsKeys.lists(),
  });
  const contains = (data: InfiniteData<TLeadPage>) =>
    data.pages.some((page) => page.items.some((item) => item.id === after.id));
  const seenIn = new Set<string>();
  for (const [key, data] of lists) {
    if (data && contains(data)) seenIn.add(filterBase(key[2] as LeadListQuery));
  }

  for (const [key, data] of lists) {
    if (!data) continue;
    const query = key[2] as LeadListQuery;
    const statuses = statusesOf(query);
    const matches = !statuses || statuses.includes(after.status);
    let pages = data.pages;
    if (contains(data)) {
      pages = pages.map((page) => ({
        ...page,
        items: matches
          ? page.items.map((item) => (item.id === after.id ? after : item))
          : page.items.filter((item) => item.id !== after.id),
      }));
    } else if (matches && statuses && seenIn.has(filterBase(query)) && pages[0]) {
      pages = [{ ...pages[0], items: [after, ...pages[0].items] }, ...pages.slice(1)];
    } else {
      continue;
    }
    queryClient.setQueryData<InfiniteData<TLeadPage>>(key, { ...data, pages });
  }

  if (before.status === after.status) return;
  for (const [key, data] of queryClient.getQueriesData<TLeadBoardSummary>({
    queryKey: leadsKeys.boardSummaries(),
  })) {
    if (!data || !seenIn.has(filterBase(key[2] as ApiLeadFilters))) continue;
    queryClient.setQueryData(key, moveInSummary(data, before, after));
  }
  for (const [key, data] of queryClient.getQueriesData<{ total: number }>({
    queryKey: leadsKeys.counts(),
  })) {
    const filters = key[2] as ApiLeadFilters;
    if (!data || !seenIn.has(filterBase(filters))) continue;
    const statuses = statusesOf(filters);
    if (!statuses) continue;
    const delta =
      Number(statuses.includes(after.status)) - Number(statuses.includes(before.status));
    if (delta !== 0) queryClient.setQueryData(key, { total: Math.max(0, data.total + delta) });
  }
}

/** The board's headers with one lead moved from its old column to its new one. */
function moveInSummary(data: TLeadBoardSummary, before: TLead, after: TLead): TLeadBoardSummary {
  const budget =
    before.budget === null
      ? null
      : { currency: before.budgetCurrency ?? "UZS", total: before.budget };
  const change = (column: TLeadBoardSummary["columns"][number], sign: 1 | -1) => {
    const budgets = [...column.budgets];
    if (budget) {
      const index = budgets.findIndex((item) => item.currency === budget.currency);
      const current = index >= 0 ? budgets[index]!.total : 0;
      const next = { currency: budget.currency, total: Math.max(0, current + sign * budget.total) };
      if (index >= 0) budgets[index] = next;
      else budgets.push(next);
    }
    return { ...column, count: Math.max(0, column.count + sign), budgets };
  };
  const columns = LEAD_STATUSES.flatMap((status) => {
    const column = data.columns.find((item) => item.status === status);
    if (status === before.status && column) return [change(column, -1)];
    if (status === after.status) return [change(column ?? { status, count: 0, budgets: [] }, 1)];
    return column ? [column] : [];
  });
  return { columns };
}

export interface UpdateLeadVariables {
  lead: TLead;
  patch: TUpdateLeadRequest;
}

/**
 * PATCH a lead. A status change shows at once in the card, the board and the table, and rolls
 * back if the server refuses it; field edits wait for the server, which validates them.
 */
export function useUpdateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ lead, patch }: UpdateLeadVariables) =>
      api(leadWriteRoutes.update, { params: { id: lead.id }, body: patch }),
    onMutate: async ({ lead, patch }): Promise<{ snapshot: Snapshot } | undefined> => {
      if (patch.status === undefined || patch.status === lead.status) return undefined;
      await queryClient.cancelQueries({ queryKey: leadsKeys.all });
      const snapshot: Snapshot = queryClient.getQueriesData({ queryKey: leadsKeys.all });
      const now = new Date().toISOString();
      const optimistic: TLead = {
        ...lead,
        status: patch.status as LeadStatus,
        lostReason: patch.status === "LOST" ? (patch.lostReason ?? lead.lostReason) : null,
        statusChangedAt: now,
        updatedAt: now,
      };
      patchCachedLists(queryClient, lead, optimistic);
      queryClient.setQueryData(leadsKeys.detail(lead.id), optimistic);
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (updated, { lead }) => {
      queryClient.setQueryData(leadsKeys.detail(updated.id), updated);
      patchCachedLists(queryClient, lead, updated);
    },
    onSettled: () => invalidateLeadData(queryClient),
  });
}
