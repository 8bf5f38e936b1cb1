import { userRoutes } from "@crm/contracts";
import type { TCreateUserRequest, TRoleCode, TUpdateUserRequest, TUser } from "@crm/contracts";
import type { InfiniteData } from "@tanstack/react-query";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export interface UserFilters {
  role?: TRoleCode | undefined;
  active?: "true" | "false" | undefined;
  q?: string | undefined;
}

export const usersKeys = {
  all: ["users"] as const,
  lists: () => ["users", "list"] as const,
  list: (filters: UserFilters) => ["users", "list", filters] as const,
  /** Who may own leads, for the lead owner pickers. */
  assignable: () => ["users", "assignable"] as const,
};

const PAGE_SIZE = 50;

type UsersPage = { items: TUser[]; nextCursor: string | null };

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: usersKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api(userRoutes.list, { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => api(userRoutes.create, { body }),
    // `all`: the lead owner pickers' list changes too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateUserRequest }) =>
      api(userRoutes.update, { params: { id }, body: patch }),
    onSuccess: (user) => {
      // Show the change at once in every loaded list, then refetch: a role or status change
      // can move the user out of the current filter.
      queryClient.setQueriesData<InfiniteData<UsersPage>>(
        { queryKey: usersKeys.lists() },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === user.id ? user : item)),
            })),
          },
      );
      // `all`: a role or active flag change also changes who may own leads.
      return queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}

/** Sets a new password; the API ends all of the user's sessions. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api(userRoutes.resetPassword, { params: { id }, body: { password } }),
  });
}
