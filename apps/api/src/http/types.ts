import type { Actor } from "@crm/core";
import type { SqlReader } from "@crm/db";

export interface AuthUser extends Actor {
  firstName: string;
  lastName: string;
  phone: string | null;
  roleName: string;
  /** The Session behind the presented token (logout deletes it). */
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set first thing by the request log: our id, or a sane incoming X-Request-Id. */
      id: string;
      /** Set by the auth middleware when a valid token of an active user came with the request. */
      user?: AuthUser;
      /** Why a presented token was not accepted (expired, revoked...), for a precise 401. */
      authFailure?: string;
      /** Where this request's hot reads go: the read replica, or the primary (read-routing.ts). */
      reads?: SqlReader;
    }
  }
}
