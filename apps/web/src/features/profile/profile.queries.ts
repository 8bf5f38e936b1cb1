import { notificationRoutes, telegramRoutes } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

const profileKey = ["profile"] as const;

export function useProfile() {
  return useQuery({
    queryKey: profileKey,
    queryFn: ({ signal }) => api(notificationRoutes.profile, { signal }),
  });
}

export function useTelegramCode() {
  return useMutation({ mutationFn: () => api(telegramRoutes.linkCode) });
}

export function useUnlinkTelegram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(telegramRoutes.unlink),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKey }),
  });
}

export const refreshProfile = (queryClient: ReturnType<typeof useQueryClient>) =>
  queryClient.invalidateQueries({ queryKey: profileKey });
