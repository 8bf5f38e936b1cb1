import type { TRoleCode } from "@crm/contracts";
import { AppError } from "./errors";

/** Who is acting: the logged-in user behind a request (or a job/bot acting for one). */
export interface Actor {
  id: number;
  login: string;
  role: TRoleCode;
  requestId?: string;
}

/** The owner rule: a SELLER works only with what they own; other roles see the team's. */
export function ownerScope(actor: Actor): { ownerId?: number } {
  return actor.role === "SELLER" ? { ownerId: actor.id } : {};
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
  if (!record || (actor.role === "SELLER" && record.ownerId !== actor.id)) {
    throw new AppError("NOT_FOUND", { detail: `${what} not found` });
  }
  return record;
}
