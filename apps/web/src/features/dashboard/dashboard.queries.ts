import { dashboardRoutes } from "@crm/contracts/dashboard";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const dashboardKeys = { all: ["dashboard"] as const };

/** The signed-in user's dashboard; live figures, refreshed every minute. */
export function useDashboard() {
  return useQuery({
    queryKey: dashboardKeys.all,
    queryFn: ({ signal }) => api(dashboardRoutes.get, { signal }),
    refetchInterval: 60_000,
  });
}
