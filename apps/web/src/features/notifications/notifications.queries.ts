import { notificationRoutes } from "@crm/contracts/notifications";
import type { ZMarkReadRequest } from "@crm/contracts/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../lib/api";

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  list: (latestId: number | null, unread: number) =>
    ["notifications", "list", latestId, unread] as const,
};

const DEFAULT_POLL_MS = 20_000;
const POLL_SETTING = "crm.notifications.pollMs";

/**
 * How often the bell asks for the unread count while the tab is visible. A stored setting can
 * shorten it (down to a second) where waiting 20 s is pointless, such as the browser tests.
 */
function pollInterval(): number {
  try {
    const stored = Number(window.localStorage.getItem(POLL_SETTING));
    return Number.isInteger(stored) && stored >= 1_000 ? stored : DEFAULT_POLL_MS;
  } catch {
    return DEFAULT_POLL_MS;
  }
}

/**
 * The bell's count: a cheap indexed read polled while the tab is visible and again when it
 * becomes visible. Any API instance answers it from the database, so nothing is per process.
 */
export function useUnreadSummary() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api(notificationRoutes.unread, { signal }),
    refetchInterval: pollInterval,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

/** The panel's list, fetched again whenever the count or the newest unread id moves. */
export function useNotificationList(summary: { latestId: number | null; unread: number }) {
  return useQuery({
    queryKey: notificationKeys.list(summary.latestId, summary.unread),
    queryFn: ({ signal }) => api(notificationRoutes.list, { query: { limit: 20 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZMarkReadRequest>) =>
      api(notificationRoutes.markRead, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.unread }),
  });
}
