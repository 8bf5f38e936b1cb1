import { ROLES, type TRoleCode } from "./roles";
import { dealRoutes } from "./deals";
import { inventoryRoutes } from "./inventory";
import type { RouteDef } from "./routes";

/**
 * The access policy, one copy for everyone: the core enforces it, the SPA asks it which
 * buttons to show. Route-level roles are declared on each route; these are the rules that
 * depend on the record as well.
 */
export interface PolicyUser {
  id: number;
  role: TRoleCode;
}

/** The roles a route lets in, read from its contract. */
export function mayCall(route: Pick<RouteDef, "access">, role: TRoleCode): boolean {
  if (route.access === "public" || route.access === "authenticated") return true;
  return (route.access as readonly TRoleCode[]).includes(role);
}

const isIn = (group: readonly TRoleCode[], user: PolicyUser) => group.includes(user.role);

export const leadPolicy = {
  /** Everyone but a seller sees the whole team's leads; a seller only their own. */
  seesAll: (user: PolicyUser) => user.role !== "SELLER",
  canSee: (user: PolicyUser, lead: { ownerId: number | null }) =>
    user.role !== "SELLER" || lead.ownerId === user.id,
  /** Sellers, sales managers and admins work with leads; ROP and finance read. */
  canWork: (user: PolicyUser) => isIn(ROLES.sales, user),
  canEdit: (user: PolicyUser, lead: { ownerId: number | null }) =>
    leadPolicy.canWork(user) && leadPolicy.canSee(user, lead),
  /**
   * BOOKED and SOLD follow from a hold and a signed contract, so a person moves only a lead
   * that is in neither: release the hold or cancel the contract first.
   */
  canChangeStatus: (user: PolicyUser, lead: { ownerId: number | null; status: string }) =>
    leadPolicy.canEdit(user, lead) && lead.status !== "BOOKED" && lead.status !== "SOLD",
  /** Archiving is for the lead's owner or an admin; a sales manager reassigns instead. */
  canArchive: (user: PolicyUser, lead: { ownerId: number | null }) =>
    user.role === "ADMIN" || (leadPolicy.canWork(user) && lead.ownerId === user.id),
  /** Archived leads are an admin's to see and restore. */
  seesArchived: (user: PolicyUser) => user.role === "ADMIN",
  canReassign: (user: PolicyUser) => isIn(ROLES.salesManagers, user),
  /** The team's call list (everyone's callbacks) is for managers. */
  seesTeamCallbacks: (user: PolicyUser) => isIn(ROLES.salesManagers, user),
};

interface Hold {
  status: string;
  bookedLead: { ownerId: number | null } | null;
}

export const holdPolicy = {
  canBook: (user: PolicyUser) => mayCall(inventoryRoutes.book, user.role),
  /** A seller manages only holds of their own leads; managers and admins manage any. */
  canManage: (user: PolicyUser, flat: Hold) =>
    flat.status === "BOOKED" &&
    !!flat.bookedLead &&
    holdPolicy.canBook(user) &&
    leadPolicy.canSee(user, flat.bookedLead),
  /** Whose buyer holds a flat is shown only to those who may see that lead. */
  seesHolder: (user: PolicyUser, lead: { ownerId: number | null }) => leadPolicy.canSee(user, lead),
};

export const dealPolicy = {
  /** A contract priced below its author's discount limit waits for one of these. */
  canApprove: (user: PolicyUser) => mayCall(dealRoutes.approve, user.role),
  /** "Make a contract" for a hold the user manages, in a role that drafts contracts. */
  canDraft: (user: PolicyUser, flat: Hold) =>
    holdPolicy.canManage(user, flat) && mayCall(dealRoutes.create, user.role),
};

export const commentPolicy = {
  /** Only the author edits a comment. */
  canEdit: (user: PolicyUser, comment: { authorId: number | null }) =>
    leadPolicy.canWork(user) && comment.authorId === user.id,
  /** The author deletes it; an admin may delete any (moderation). */
  canDelete: (user: PolicyUser, comment: { authorId: number | null }) =>
    user.role === "ADMIN" || commentPolicy.canEdit(user, comment),
};

export const callbackPolicy = {
  /** Sellers schedule calls for themselves; managers may schedule them for someone else. */
  canAssignOthers: (user: PolicyUser) => leadPolicy.canReassign(user),
  /** Sellers change their own calls on their own leads; managers and admins any. */
  canChange: (
    user: PolicyUser,
    callback: { userId: number | null; lead: { ownerId: number | null } },
  ) =>
    leadPolicy.canWork(user) &&
    (user.role !== "SELLER" ||
      (callback.userId === user.id && leadPolicy.canSee(user, callback.lead))),
};
