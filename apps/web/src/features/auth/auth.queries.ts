import { authRoutes } from "@crm/contracts/auth";
import type { TLoginRequest, TMe } from "@crm/contracts";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "../../lib/api";

export const authKeys = {
  me: ["auth", "me"] as const,
};

/**
 * The signed-in user, or `null` when there is no valid session. A 401 here is an answer, not
 * an error: the protected layout turns `null` into a redirect to the login page.
 */
export const meQuery = queryOptions<TMe | null>({
  queryKey: authKeys.me,
  queryFn: async ({ signal }) => {
    try {
      return await api(authRoutes.me, { signal });
    } catch (error) {
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => api(authRoutes.login, { body }),
    onSuccess: (result) => {
      // Another user may have been signed in before: drop everything cached for them.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
      queryClient.setQueryData(authKeys.me, result.user);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api(authRoutes.logout),
  });
}
