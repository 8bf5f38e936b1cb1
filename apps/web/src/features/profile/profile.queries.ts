import { notificationRoutes, telegramRoutes } from "@crm/contracts";
import type { TProfile } from "@crm/contracts";
import type { z } from "zod";
import type { ZUpdateProfileRequest } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const profileKeys = { me: ["profile"] as const };

export function useProfile() {
  return useQuery({
    queryKey: profileKeys.me,
    queryFn: ({ signal }) => api(notificationRoutes.profile, { signal }),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZUpdateProfileRequest>) =>
      api(notificationRoutes.updateProfile, { body }),
    onSuccess: (profile: TProfile) => queryClient.setQueryData(profileKeys.me, profile),
  });
}

export function useTelegramCode() {
  return useMutation({ mutationFn: () => api(telegramRoutes.linkCode) });
}

export function useUnlinkTelegram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(telegramRoutes.unlink),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.me }),
  });
}

export const refreshProfile = (queryClient: ReturnType<typeof useQueryClient>) =>
  queryClient.invalidateQueries({ queryKey: profileKeys.me });
