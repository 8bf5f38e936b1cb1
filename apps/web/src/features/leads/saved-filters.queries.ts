import { savedFilterRoutes } from "@crm/contracts";
import type { TCreateSavedFilterRequest } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { savedFiltersKeys } from "./leads.keys";

/** The user's own saved filters of the lead list, by name. */
export function useSavedFilters() {
  return useQuery({
    queryKey: savedFiltersKeys.list("leads"),
    queryFn: ({ signal }) => api(savedFilterRoutes.list, { query: { scope: "leads" }, signal }),
  });
}

export function useCreateSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateSavedFilterRequest) => api(savedFilterRoutes.create, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFiltersKeys.all }),
  });
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(savedFilterRoutes.remove, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFiltersKeys.all }),
  });
}
