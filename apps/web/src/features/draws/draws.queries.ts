import { drawRoutes } from "@crm/contracts";
import type { TCreateDrawRequest } from "@crm/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const drawsKeys = {
  all: ["draws"] as const,
  list: () => ["draws", "list"] as const,
  one: (id: number) => ["draws", "one", id] as const,
};

export function useDraws() {
  return useQuery({
    queryKey: drawsKeys.list(),
    queryFn: ({ signal }) => api(drawRoutes.list, { signal }),
  });
}

/** Entries arrive from the bot while a draw is open: the page follows them. */
export function useDraw(id: number) {
  return useQuery({
    queryKey: drawsKeys.one(id),
    queryFn: ({ signal }) => api(drawRoutes.get, { params: { id }, signal }),
    refetchInterval: (query) => (query.state.data?.status === "OPEN" ? 5_000 : false),
  });
}

export function useCreateDraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateDrawRequest) => api(drawRoutes.create, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: drawsKeys.all }),
  });
}

export type DrawStep = "open" | "close" | "draw";

export function useDrawStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step }: { id: number; step: DrawStep }) =>
      api(drawRoutes[step], { params: { id } }),
    onSuccess: (draw) => {
      queryClient.setQueryData(drawsKeys.one(draw.id), draw);
      return queryClient.invalidateQueries({ queryKey: drawsKeys.list() });
    },
  });
}
