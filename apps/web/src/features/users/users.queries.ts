import { userRoutes } from "@crm/contracts";
import type { TRoleCode, TUser } from "@crm/contracts";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
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

export type UsersPage = { items: TUser[]; nextCursor: string | null };

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: usersKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api(userRoutes.list, { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Sets a new password; the API ends all of the user's sessions. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api(userRoutes.resetPassword, { params: { id }, body: { password } }),
  });
}
