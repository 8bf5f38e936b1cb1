import { activityRoutes, dealRoutes } from "@crm/contracts";
import type { TRoleCode } from "@crm/contracts";
import { createBrowserRouter, Navigate } from "react-router";
import type { RouteObject } from "react-router";
import type { ReactNode } from "react";
import { AuditPage } from "../features/audit/AuditPage";
import { LoginPage } from "../features/auth/LoginPage";
import { DashboardPage } from "../features/dashboard/DashboardPage";
import { DealPage } from "../features/deals/DealPage";
import { DealsPage } from "../features/deals/DealsPage";
import { NewDealPage } from "../features/deals/NewDealPage";
import { AttendancePage } from "../features/attendance/AttendancePage";
import { ExpensesPage } from "../features/expenses/ExpensesPage";
import { DrawPage } from "../features/draws/DrawPage";
import { DrawsPage } from "../features/draws/DrawsPage";
import { ExportsPage } from "../features/exports/ExportsPage";
import { JobsPage } from "../features/jobs/JobsPage";
import { ProfilePage } from "../features/profile/ProfilePage";
import { MarketingPage } from "../features/marketing/MarketingPage";
import { FinancePage } from "../features/finance/FinancePage";
import { OverduePage } from "../features/finance/OverduePage";
import { ComplexesPage } from "../features/inventory/ComplexesPage";
import { GridPage } from "../features/inventory/GridPage";
import { CallbacksPage } from "../features/leads/CallbacksPage";
import { LeadCard } from "../features/leads/LeadCard";
import { LeadsBoard } from "../features/leads/LeadsBoard";
import { LeadsPage } from "../features/leads/LeadsPage";
import { NewLeadPage } from "../features/leads/NewLeadPage";
import { PaymentsPage } from "../features/payments/PaymentsPage";
import { StatsPage } from "../features/stats/StatsPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { UsersPage } from "../features/users/UsersPage";
import { AppLayout } from "./AppLayout";
import { ForbiddenPage } from "./ForbiddenPage";
import { LEAD_WORKERS, NAV_ITEMS } from "./navigation";
import type { NavItem } from "./navigation";
import { NotFoundPage } from "./NotFoundPage";
import { RequireRole } from "./RequireRole";
import { RouteError } from "./RouteError";

/** A page behind the same role list as its navigation item. */
function guarded(item: NavItem, element: ReactNode): RouteObject {
  return guardedAt(item.to.slice(1), item.roles, element);
}

function guardedAt(path: string, roles: readonly TRoleCode[], element: ReactNode): RouteObject {
  return { path, element: <RequireRole roles={roles}>{element}</RequireRole> };
}

export const routes: RouteObject[] = [
  { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: "dashboard", element: <DashboardPage /> },
      guarded(NAV_ITEMS.leads, <LeadsPage />),
      guardedAt("leads/board", NAV_ITEMS.leads.roles, <LeadsBoard />),
      guardedAt("leads/new", LEAD_WORKERS, <NewLeadPage />),
      guardedAt("leads/:id", NAV_ITEMS.leads.roles, <LeadCard />),
      guardedAt("callbacks", activityRoutes.listCallbacks.access, <CallbacksPage />),
      guarded(NAV_ITEMS.stats, <StatsPage />),
      guarded(NAV_ITEMS.flats, <ComplexesPage />),
      guardedAt("complexes/:id/grid", NAV_ITEMS.flats.roles, <GridPage />),
      { path: "flats", element: <Navigate to="/complexes" replace /> },
      guarded(NAV_ITEMS.deals, <DealsPage />),
      guardedAt("deals/new", dealRoutes.create.access, <NewDealPage />),
      guardedAt("deals/:id", dealRoutes.get.access, <DealPage />),
      guarded(NAV_ITEMS.finance, <FinancePage />),
      guarded(NAV_ITEMS.overdue, <OverduePage />),
      guarded(NAV_ITEMS.payments, <PaymentsPage />),
      guarded(NAV_ITEMS.expenses, <ExpensesPage />),
      guarded(NAV_ITEMS.attendance, <AttendancePage />),
      guarded(NAV_ITEMS.users, <UsersPage />),
      guarded(NAV_ITEMS.settings, <SettingsPage />),
      guarded(NAV_ITEMS.audit, <AuditPage />),
      guarded(NAV_ITEMS.jobs, <JobsPage />),
      guarded(NAV_ITEMS.draws, <DrawsPage />),
      guardedAt("admin/draws/:id", NAV_ITEMS.draws.roles, <DrawPage />),
      guarded(NAV_ITEMS.exports, <ExportsPage />),
      guarded(NAV_ITEMS.profile, <ProfilePage />),
      guarded(NAV_ITEMS.marketing, <MarketingPage />),
      { path: "forbidden", element: <ForbiddenPage /> },
    ],
  },
  { path: "*", element: <NotFoundPage /> },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
