import { IMPORT_FILE_TYPES, importRoutes } from "@crm/contracts";
import type { TImportAction, TImportRun, TLinkSheetRequest } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const importKeys = {
  source: (complexId: number) => ["import", "source", complexId] as const,
  runs: (complexId: number) => ["import", "runs", complexId] as const,
  run: (id: number, action: TImportAction | undefined, limit: number) =>
    ["import", "run", id, action ?? "all", limit] as const,
};

const isFinished = (run: TImportRun | undefined) =>
  run?.status === "succeeded" || run?.status === "failed";

export function useImportSource(complexId: number) {
  return useQuery({
    queryKey: importKeys.source(complexId),
    queryFn: ({ signal }) => api(importRoutes.getSource, { params: { id: complexId }, signal }),
  });
}

export function useImportRuns(complexId: number) {
  return useQuery({
    queryKey: importKeys.runs(complexId),
    queryFn: ({ signal }) => api(importRoutes.listRuns, { params: { id: complexId }, signal }),
    // While a run is under way the history shows its state change.
    refetchInterval: (query) =>
      query.state.data?.items.some((run) => !isFinished(run)) ? 1_000 : false,
  });
}

/**
 * A run with a page of its lines, polled every second until it has finished. A finished apply
 * or sync has changed the flats: the шахматка and the complex cards are read again.
 */
export function useImportRun(id: number, action: TImportAction | undefined, limit: number) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.run(id, action, limit),
    queryFn: async ({ signal }) => {
      const detail = await api(importRoutes.getRun, {
        params: { id },
        query: { action, limit },
        signal,
      });
      if (detail.run.kind !== "dry-run" && detail.run.status === "succeeded") {
        void queryClient.invalidateQueries({ queryKey: ["inventory"] });
      }
      return detail;
    },
    refetchInterval: (query) => (isFinished(query.state.data?.run) ? false : 1_000),
  });
}

function useImportMutation<V>(complexId: number, call: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["import"] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: importKeys.runs(complexId) }),
  });
}

export function useLinkSheet(complexId: number) {
  return useImportMutation(complexId, (body: TLinkSheetRequest) =>
    api(importRoutes.linkSheet, { params: { id: complexId }, body }),
  );
}

export function useUnlinkSheet(complexId: number) {
  return useImportMutation(complexId, () =>
    api(importRoutes.unlinkSheet, { params: { id: complexId } }),
  );
}

export function useTestSheet(complexId: number) {
  return useMutation({
    mutationFn: (body: TLinkSheetRequest) =>
      api(importRoutes.testSheet, { params: { id: complexId }, body }),
  });
}

export function useSheetDryRun(complexId: number) {
  return useImportMutation(complexId, () =>
    api(importRoutes.dryRunSheet, { params: { id: complexId } }),
  );
}

export function useUploadFile(complexId: number) {
  return useImportMutation(complexId, (file: File) =>
    api(importRoutes.upload, {
      params: { id: complexId },
      query: { name: file.name },
      // The type by the name: browsers label CSV files variously (Excel's, or none at all).
      file: new Blob([file], {
        type: /\.xlsx$/i.test(file.name) ? IMPORT_FILE_TYPES.xlsx[0] : IMPORT_FILE_TYPES.csv[0],
      }),
    }),
  );
}

export function useApplyRun(complexId: number) {
  return useImportMutation(complexId, (dryRunId: number) =>
    api(importRoutes.applyRun, { params: { id: dryRunId } }),
  );
}
