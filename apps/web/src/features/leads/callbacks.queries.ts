import { activityRoutes } from "@crm/contracts/activity";
import type { TCallback } from "@crm/contracts/activity";
import type { QueryClient } from "@tanstack/react-query";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { tzOffsetMinutes } from "../../lib/dates";
import { callbacksKeys, leadsKeys } from "./leads.keys";
import type { CallbackBucket, CallbackScope } from "./leads.keys";

/**
 * Callbacks on their own, apart from the rest of the lead queries: the dashboard's widget shows
 * them without loading the lead forms' schemas.
 */
export function useCallbacks(
  bucket: CallbackBucket,
  scope: CallbackScope,
  options: { userId?: number; limit?: number } = {},
) {
  const { userId, limit = 50 } = options;
  return useQuery({
    queryKey: callbacksKeys.list(bucket, scope, userId, limit),
    queryFn: ({ signal }) =>
      api(activityRoutes.listCallbacks, {
        query: {
          bucket,
          scope,
          tzOffset: tzOffsetMinutes(),
          limit,
          ...(scope === "team" && userId !== undefined ? { userId } : {}),
        },
        signal,
      }),
    // "Overdue" changes with the clock, not only with edits.
    refetchInterval: 60_000,
  });
}

export function useUpdateCallback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: { isDone?: boolean; dueAt?: string } }) =>
      api(activityRoutes.updateCallback, { params: { id }, body: patch }),
    onSuccess: (callback: TCallback) => invalidateCallbackData(queryClient, callback.leadId),
  });
}

export function invalidateCallbackData(queryClient: QueryClient, leadId: number) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: leadsKeys.timeline(leadId) }),
    queryClient.invalidateQueries({ queryKey: callbacksKeys.all }),
  ]);
}
