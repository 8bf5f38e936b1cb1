import type { TRoleCode } from "@crm/contracts";
import type { ReactNode } from "react";
import { useCurrentUser } from "./current-user";
import { ForbiddenPage } from "./ForbiddenPage";

/** Renders the Forbidden page in place when the signed-in user's role may not open a route. */
export function RequireRole({
  roles,
  children,
}: {
  roles: readonly TRoleCode[];
  children: ReactNode;
}) {
  const user = useCurrentUser();
  return roles.includes(user.role) ? children : <ForbiddenPage />;
}
