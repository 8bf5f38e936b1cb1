import { exportRoutes } from "@crm/contracts";
import type { TCreateExportRequest, TExport } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const exportsKeys = {
  all: ["exports"] as const,
  mine: () => ["exports", "mine"] as const,
  one: (id: number) => ["exports", "one", id] as const,
};

/** While a file is being written its progress is polled; finished exports are not. */
const POLL_MS = 1_000;
export const isUnfinished = (item: Pick<TExport, "status">) =>
  item.status === "queued" || item.status === "running";

export function useMyExports() {
  return useQuery({
    queryKey: exportsKeys.mine(),
    queryFn: ({ signal }) => api(exportRoutes.list, { signal }),
    refetchInterval: (query) => (query.state.data?.items.some(isUnfinished) ? POLL_MS : false),
  });
}

export function useExport(id: number | null) {
  return useQuery({
    queryKey: exportsKeys.one(id ?? 0),
    queryFn: ({ signal }) => api(exportRoutes.get, { params: { id: id! }, signal }),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data && !isUnfinished(query.state.data) ? false : POLL_MS,
  });
}

export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateExportRequest) => api(exportRoutes.create, { body }),
    onSuccess: (created) => {
      queryClient.setQueryData(exportsKeys.one(created.id), created);
      void queryClient.invalidateQueries({ queryKey: exportsKeys.mine() });
    },
  });
}

/** The file's address: a plain link, so the browser downloads it with the session cookie. */
export const exportFileUrl = (id: number) => `/api/exports/${id}/file`;
