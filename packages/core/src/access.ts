import { leadPolicy, type TRoleCode } from "@crm/contracts";
import { AppError } from "./errors";

/** Who is acting: the logged-in user behind a request (or a job/bot acting for one). */
export interface Actor {
  id: number;
  login: string;
  role: TRoleCode;
  requestId?: string;
}

/** The owner rule as a query filter: a SELLER works only with what they own. */
export function ownerScope(actor: Actor): { ownerId?: number } {
  return leadPolicy.seesAll(actor) ? {} : { ownerId: actor.id };
}

/**
 * Returns the record when the actor may see it. A foreign record is reported as missing, not
 * forbidden, so its existence does not leak.
 */
export function ownedOrNotFound<T extends { ownerId: number | null }>(
  actor: Actor,
  record: T | null,
  what: string,
): T {
  if (!record || !leadPolicy.canSee(actor, record)) {
    throw new AppError("NOT_FOUND", { detail: `${what} not found` });
  }
  return record;
}
