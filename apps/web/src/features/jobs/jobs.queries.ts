import { jobRoutes } from "@crm/contracts";
import type { JobName, TJobState } from "@crm/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const jobsKeys = {
  all: ["jobs"] as const,
  overview: () => ["jobs", "overview"] as const,
  list: (queue: JobName, state: TJobState) => ["jobs", "list", queue, state] as const,
};

/** Jobs move on their own: the page polls while it is open. */
const POLL_MS = 2_000;

export function useJobsOverview() {
  return useQuery({
    queryKey: jobsKeys.overview(),
    queryFn: ({ signal }) => api(jobRoutes.overview, { signal }),
    refetchInterval: POLL_MS,
  });
}

export function useJobRuns(queue: JobName, state: TJobState) {
  return useQuery({
    queryKey: jobsKeys.list(queue, state),
    queryFn: ({ signal }) =>
      api(jobRoutes.list, { params: { queue }, query: { state, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

function useJobMutation<V, R>(call: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobsKeys.all }),
  });
}

export const useRunNow = () =>
  useJobMutation((queue: JobName) => api(jobRoutes.run, { params: { queue } }));

export const useRetryJob = () =>
  useJobMutation(({ queue, id }: { queue: JobName; id: string }) =>
    api(jobRoutes.retry, { params: { queue, id } }),
  );

export const useRemoveJob = () =>
  useJobMutation(({ queue, id }: { queue: JobName; id: string }) =>
    api(jobRoutes.remove, { params: { queue, id } }),
  );
