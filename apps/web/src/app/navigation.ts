import { EXPENSE_READERS, REGISTER_READERS, ROLES } from "@crm/contracts/roles";
import type { TRoleCode } from "@crm/contracts/roles";
import type { ShellKey } from "../i18n";

export interface NavItem {
  to: string;
  label: ShellKey;
  /** Roles that see the item; the router guards the page with the same list. */
  roles: readonly TRoleCode[];
  /** Highlighted only on its own path, not on sub-pages that have their own item. */
  end?: boolean;
}

const EVERYONE = ["ADMIN", "SELLER", "MOP", "ROP", "FINANCIER"] as const;

/** One list for the side navigation and the route guards, so they never disagree. */
export const NAV_ITEMS = {
  dashboard: { to: "/dashboard", label: "nav.dashboard", roles: EVERYONE },
  leads: { to: "/leads", label: "nav.leads", roles: ["ADMIN", "SELLER", "MOP", "ROP"] },
  stats: { to: "/stats", label: "nav.stats", roles: ["ADMIN", "MOP", "ROP"] },
  flats: { to: "/complexes", label: "nav.flats", roles: EVERYONE },
  deals: {
    to: "/deals",
    label: "nav.deals",
    roles: ["ADMIN", "SELLER", "MOP", "ROP", "FINANCIER"],
  },
  payments: { to: "/payments", label: "nav.payments", roles: REGISTER_READERS },
  finance: {
    to: "/finance",
    label: "nav.finance",
    roles: ["ADMIN", "FINANCIER", "ROP"],
    end: true,
  },
  overdue: {
    to: "/finance/overdue",
    label: "nav.overdue",
    roles: ["ADMIN", "FINANCIER", "MOP", "ROP"],
  },
  expenses: { to: "/expenses", label: "nav.expenses", roles: EXPENSE_READERS },
  attendance: { to: "/attendance", label: "nav.attendance", roles: EVERYONE },
  users: { to: "/admin/users", label: "nav.users", roles: ["ADMIN"] },
  settings: { to: "/admin/settings", label: "nav.settings", roles: ROLES.admin },
  audit: { to: "/admin/audit", label: "nav.audit", roles: ROLES.admin },
  jobs: { to: "/admin/jobs", label: "nav.jobs", roles: ROLES.admin },
  draws: { to: "/admin/draws", label: "nav.draws", roles: ROLES.admin, end: true },
  marketing: { to: "/admin/marketing", label: "nav.marketing", roles: ROLES.admin },
  exports: { to: "/exports", label: "nav.exports", roles: ROLES.staff },
  profile: { to: "/profile", label: "nav.profile", roles: EVERYONE },
} as const satisfies Record<string, NavItem>;

/** Roles that create and change leads (ROP and FINANCIER only read them). */
export const LEAD_WORKERS = ["ADMIN", "SELLER", "MOP"] as const satisfies readonly TRoleCode[];

export function navItemsFor(role: TRoleCode): NavItem[] {
  return Object.values(NAV_ITEMS).filter((item) =>
    (item.roles as readonly TRoleCode[]).includes(role),
  );
}
