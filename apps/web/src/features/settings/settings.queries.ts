import { adminSettingsRoutes } from "@crm/contracts";
import type { TUpdateSettingsRequest } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { policySettingsKey } from "../../app/policy";
import { api } from "../../lib/api";

export const settingsKeys = { all: ["settings", "all"] as const };

export function useSettings() {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => api(adminSettingsRoutes.get, { signal }),
  });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSettingsRequest) => api(adminSettingsRoutes.update, { body }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKeys.all, data);
      // Hold lengths and discount limits are served to every form through the policy.
      void queryClient.invalidateQueries({ queryKey: policySettingsKey });
      void queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
