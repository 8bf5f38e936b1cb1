import type { TMe } from "@crm/contracts";
import { useOutletContext } from "react-router";

export interface AppOutletContext {
  user: TMe;
}

/** The signed-in user inside the protected layout (it renders nothing until one is known). */
export function useCurrentUser(): TMe {
  return useOutletContext<AppOutletContext>().user;
}
