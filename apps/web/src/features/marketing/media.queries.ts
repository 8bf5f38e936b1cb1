import { mediaRoutes, type TMediaKind } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const mediaKeys = { complex: (id: number) => ["marketing", "media", id] as const };

export function useComplexMedia(complexId: number | null) {
  return useQuery({
    queryKey: mediaKeys.complex(complexId ?? 0),
    queryFn: ({ signal }) => api(mediaRoutes.list, { params: { id: complexId! }, signal }),
    enabled: complexId !== null,
  });
}

export interface MediaUpload {
  file: File;
  kind: TMediaKind;
  rooms?: number;
}

export function useUploadMedia(complexId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, kind, rooms }: MediaUpload) =>
      api(mediaRoutes.upload, {
        params: { id: complexId },
        query: kind === "PLAN" ? { kind, rooms } : { kind },
        file,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mediaKeys.complex(complexId) }),
  });
}

export function useRemoveMedia(complexId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mediaId: number) =>
      api(mediaRoutes.remove, { params: { id: complexId, mediaId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mediaKeys.complex(complexId) }),
  });
}
