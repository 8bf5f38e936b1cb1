/**
 * Role codes and the role lists that routes declare as their access. Free of schemas so a client
 * can decide what to show (menus, route guards) without loading the validation library.
 */
export const ROLE_CODES = ["ADMIN", "SELLER", "MOP", "ROP", "FINANCIER"] as const;
export type TRoleCode = (typeof ROLE_CODES)[number];

/** Role groups that several routes and the access policy share. */
export const ROLES = {
  /** Everyone on the staff. */
  staff: ROLE_CODES,
  /** Who sells: works with leads, books flats, drafts contracts. */
  sales: ["ADMIN", "MOP", "SELLER"],
  /** Sales managers: the whole team's leads, reassigning, the team's calls. */
  salesManagers: ["ADMIN", "MOP"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly TRoleCode[]>;

type RoleList = readonly TRoleCode[];

/** Who reads contracts (a seller: of their own leads). */
export const DEAL_READERS = [
  "ADMIN",
  "MOP",
  "SELLER",
  "ROP",
  "FINANCIER",
] as const satisfies RoleList;

/** Who enters and changes expenses and budgets; the financier reads them (and keeps the rates). */
export const EXPENSE_WRITERS = ["ADMIN", "ROP"] as const satisfies RoleList;
export const EXPENSE_READERS = ["ADMIN", "ROP", "FINANCIER"] as const satisfies RoleList;
/** Who keeps the monthly UZS/USD rates. */
export const RATE_WRITERS = ["ADMIN", "FINANCIER"] as const satisfies RoleList;

/** The payments register: finance and admins; the head of sales reads it. */
export const REGISTER_READERS = ["ADMIN", "FINANCIER", "ROP"] as const satisfies RoleList;

/** Who sees a complex's imports (runs and reports); admins link sheets and apply them. */
export const IMPORT_READERS = ["ADMIN", "ROP"] as const satisfies RoleList;
