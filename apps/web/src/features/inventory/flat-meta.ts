import { dealRoutes, inventoryRoutes, ZApartmentStatus } from "@crm/contracts";
import type { RouteDef, TMe, TRoleCode } from "@crm/contracts";
import type { z } from "zod";

export type FlatStatus = z.infer<typeof ZApartmentStatus>;

/** Legend and filter order: what can be sold first. */
export const FLAT_STATUSES: readonly FlatStatus[] = ZApartmentStatus.options;

export function isFlatStatus(value: unknown): value is FlatStatus {
  return ZApartmentStatus.safeParse(value).success;
}

/** The roles a route lets in, read from its contract so the buttons and the API agree. */
export function mayCall(route: Pick<RouteDef, "access">, role: TRoleCode): boolean {
  return Array.isArray(route.access) && (route.access as readonly TRoleCode[]).includes(role);
}

export const canBook = (role: TRoleCode) => mayCall(inventoryRoutes.book, role);
export const isAdmin = (role: TRoleCode) => role === "ADMIN";

interface Hold {
  status: FlatStatus;
  bookedLead: { id: number; ownerId: number | null } | null;
}

/**
 * A seller manages only holds of their own leads; managers and admins manage any (the API
 * answers 403 otherwise).
 */
export function canManageHold(user: Pick<TMe, "id" | "role">, flat: Hold): boolean {
  if (flat.status !== "BOOKED" || !flat.bookedLead || !canBook(user.role)) return false;
  return user.role !== "SELLER" || flat.bookedLead.ownerId === user.id;
}

/** "Make a contract" is offered for a hold the user may see and a role that drafts contracts. */
export function canDraftDeal(user: Pick<TMe, "id" | "role">, flat: Hold): boolean {
  return canManageHold(user, flat) && mayCall(dealRoutes.create, user.role);
}

/** Hold length bounds the API enforces by default (settings may lower the maximum). */
export const HOLD_DAYS = { default: 3, max: 14 } as const;
