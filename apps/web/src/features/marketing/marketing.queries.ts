import { instagramRoutes } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const marketingKeys = { instagram: ["marketing", "instagram"] as const };

export function useInstagramStatus() {
  return useQuery({
    queryKey: marketingKeys.instagram,
    queryFn: ({ signal }) => api(instagramRoutes.status, { signal }),
  });
}

export function useConnectInstagram() {
  return useMutation({ mutationFn: () => api(instagramRoutes.connect, {}) });
}

export function useFinishInstagram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, string>) =>
      api(instagramRoutes.callback, { body: body as { state: string } }),
    onSuccess: (status) => queryClient.setQueryData(marketingKeys.instagram, status),
  });
}

export function useDisconnectInstagram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(instagramRoutes.disconnect, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: marketingKeys.instagram }),
  });
}
