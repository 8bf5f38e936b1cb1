import { authRoutes } from "@crm/contracts/auth";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { authKeys } from "../features/auth/auth.queries";
import { ApiError } from "../lib/api";

interface Handlers {
  /** A page's data answered 403: show the Forbidden page. */
  onForbidden: () => void;
}

/**
 * One place reacts to an expired session: any 401 (except a failed login attempt) clears the
 * cached user, and the protected layout then redirects to /login?next=<current page>.
 */
export function createQueryClient({ onForbidden }: Handlers): QueryClient {
  const onSessionError = (error: Error, kind: "query" | "mutation") => {
    if (!(error instanceof ApiError)) return;
    if (
      error.status === 401 &&
      !error.isRoute(authRoutes.login) &&
      !error.isRoute(authRoutes.logout)
    ) {
      queryClient.setQueryData(authKeys.me, null);
    }
    // A refused action is reported next to the button that triggered it; a refused page load
    // has nothing to show, so it becomes the Forbidden page.
    if (error.status === 403 && kind === "query") onForbidden();
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onSessionError(error, "query") }),
    mutationCache: new MutationCache({ onError: (error) => onSessionError(error, "mutation") }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors will not fix themselves; retry only network failures and 5xx.
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
