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
 * Returns the lead (or what hangs off one) when the actor may see it. A foreign record is
 * reported as missing, not forbidden, so its existence does not leak. An archived lead is
 * missing too — to everyone for changes, and to all but admins for reading (`archived:
 * "readable"`), so nothing is added to a lead nobody works on.
 */
export function ownedOrNotFound<T extends { ownerId: number | null; archivedAt?: Date | null }>(
  actor: Actor,
  record: T | null,
  what: string,
  options: { archived?: "hidden" | "readable" } = {},
): T {
  const archivedVisible = options.archived === "readable" && leadPolicy.seesArchived(actor);
  if (!record || !leadPolicy.canSee(actor, record) || (record.archivedAt && !archivedVisible)) {
    throw new AppError("NOT_FOUND", { detail: `${what} not found` });
  }
  return record;
}
