import { GRID_PAGE_PATH } from "@crm/contracts/page-preloads";
import { DEAL_READERS, IMPORT_READERS, ROLES } from "@crm/contracts/roles";
import type { TRoleCode } from "@crm/contracts/roles";
import { createBrowserRouter, Navigate } from "react-router";
import type { LazyRouteFunction, LoaderFunction, RouteObject } from "react-router";
import type { QueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import type { ComponentType } from "react";
import { preloadDictionary } from "../i18n";
import { meQuery } from "../features/auth/auth.queries";
import { Loading } from "../ui/Status";
import { ForbiddenPage } from "./ForbiddenPage";
import { LEAD_WORKERS, NAV_ITEMS } from "./navigation";
import type { NavItem } from "./navigation";
import { NotFoundPage } from "./NotFoundPage";
import { RequireRole } from "./RequireRole";
import { RouteError } from "./RouteError";

/** Loads a page's module on first visit, so each page ships in its own chunk. */
type PageLoader = () => Promise<ComponentType>;

function page(load: PageLoader, roles?: readonly TRoleCode[]): LazyRouteFunction<RouteObject> {
  return async () => {
    const Page = await load();
    return {
      element: roles ? (
        <RequireRole roles={roles}>
          <Page />
        </RequireRole>
      ) : (
        <Page />
      ),
    };
  };
}

/** A page behind the same role list as its navigation item. */
function guarded(item: NavItem, load: PageLoader): RouteObject {
  return guardedAt(item.to.slice(1), item.roles, load);
}

/**
 * Pages outside the shell use strings beyond the shell's (see useT): the language's complete
 * dictionary loads together with the page's code.
 */
function guardedAt(path: string, roles: readonly TRoleCode[], load: PageLoader): RouteObject {
  const loadWithStrings = async () => (await Promise.all([load(), preloadDictionary()]))[0];
  return { path, lazy: page(loadWithStrings, roles) };
}

const LoginPage = lazy(() =>
  import("../features/auth/LoginPage").then((m) => ({ default: m.LoginPage })),
);

/** Shown while a page's code loads on the first visit. */
function PageLoading() {
  return (
    <div className="boot">
      <Loading />
    </div>
  );
}

/**
 * The grid's data is asked for as navigation starts, beside the page's code and the session
 * check, not after them (its module is the page's own, so nothing more is downloaded).
 */
function gridLoader(queryClient: QueryClient): LoaderFunction {
  return ({ params, request }) => {
    void import("../features/inventory/inventory.queries").then(({ prefetchGrid }) =>
      prefetchGrid(queryClient, params.id, new URL(request.url).searchParams),
    );
    return null;
  };
}

export const appRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    path: "/login",
    // Not a lazy route: signing out must leave the layout in the very render that clears the
    // session (see AppLayout), so the route matches at once and only its content waits.
    element: (
      <Suspense fallback={<PageLoading />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: "/",
    lazy: page(() => import("./AppLayout").then((m) => m.AppLayout)),
    // The session check starts with navigation, beside the layout's code, not after it.
    loader: () => {
      void queryClient.prefetchQuery(meQuery);
      return null;
    },
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      {
        path: "dashboard",
        lazy: page(() =>
          import("../features/dashboard/DashboardPage").then((m) => m.DashboardPage),
        ),
      },
      guarded(NAV_ITEMS.leads, () =>
        import("../features/leads/LeadsPage").then((m) => m.LeadsPage),
      ),
      guardedAt("leads/board", NAV_ITEMS.leads.roles, () =>
        import("../features/leads/LeadsBoard").then((m) => m.LeadsBoard),
      ),
      guardedAt("leads/new", LEAD_WORKERS, () =>
        import("../features/leads/NewLeadPage").then((m) => m.NewLeadPage),
      ),
      guardedAt("leads/:id", NAV_ITEMS.leads.roles, () =>
        import("../features/leads/LeadCard").then((m) => m.LeadCard),
      ),
      guardedAt("leads/:id/pick-flat", ROLES.sales, () =>
        import("../features/inventory/FlatPickerPage").then((m) => m.FlatPickerPage),
      ),
      guardedAt("callbacks", ROLES.sales, () =>
        import("../features/leads/CallbacksPage").then((m) => m.CallbacksPage),
      ),
      guarded(NAV_ITEMS.stats, () =>
        import("../features/stats/StatsPage").then((m) => m.StatsPage),
      ),
      guarded(NAV_ITEMS.flats, () =>
        import("../features/inventory/ComplexesPage").then((m) => m.ComplexesPage),
      ),
      {
        ...guardedAt(GRID_PAGE_PATH.slice(1), NAV_ITEMS.flats.roles, () =>
          import("../features/inventory/GridPage").then((m) => m.GridPage),
        ),
        loader: gridLoader(queryClient),
      },
      guardedAt("complexes/:id/import", IMPORT_READERS, () =>
        import("../features/import/ImportPage").then((m) => m.ImportPage),
      ),
      { path: "flats", element: <Navigate to="/complexes" replace /> },
      guarded(NAV_ITEMS.deals, () =>
        import("../features/deals/DealsPage").then((m) => m.DealsPage),
      ),
      guardedAt("deals/new", ROLES.sales, () =>
        import("../features/deals/NewDealPage").then((m) => m.NewDealPage),
      ),
      guardedAt("deals/:id", DEAL_READERS, () =>
        import("../features/deals/DealPage").then((m) => m.DealPage),
      ),
      guarded(NAV_ITEMS.finance, () =>
        import("../features/finance/FinancePage").then((m) => m.FinancePage),
      ),
      guarded(NAV_ITEMS.overdue, () =>
        import("../features/finance/OverduePage").then((m) => m.OverduePage),
      ),
      guarded(NAV_ITEMS.payments, () =>
        import("../features/payments/PaymentsPage").then((m) => m.PaymentsPage),
      ),
      guarded(NAV_ITEMS.expenses, () =>
        import("../features/expenses/ExpensesPage").then((m) => m.ExpensesPage),
      ),
      guarded(NAV_ITEMS.attendance, () =>
        import("../features/attendance/AttendancePage").then((m) => m.AttendancePage),
      ),
      guarded(NAV_ITEMS.users, () =>
        import("../features/users/UsersPage").then((m) => m.UsersPage),
      ),
      guarded(NAV_ITEMS.settings, () =>
        import("../features/settings/SettingsPage").then((m) => m.SettingsPage),
      ),
      guarded(NAV_ITEMS.audit, () =>
        import("../features/audit/AuditPage").then((m) => m.AuditPage),
      ),
      guarded(NAV_ITEMS.jobs, () => import("../features/jobs/JobsPage").then((m) => m.JobsPage)),
      guarded(NAV_ITEMS.draws, () =>
        import("../features/draws/DrawsPage").then((m) => m.DrawsPage),
      ),
      guardedAt("admin/draws/:id", NAV_ITEMS.draws.roles, () =>
        import("../features/draws/DrawPage").then((m) => m.DrawPage),
      ),
      guarded(NAV_ITEMS.profile, () =>
        import("../features/profile/ProfilePage").then((m) => m.ProfilePage),
      ),
      guarded(NAV_ITEMS.exports, () =>
        import("../features/exports/ExportsPage").then((m) => m.ExportsPage),
      ),
      guarded(NAV_ITEMS.marketing, () =>
        import("../features/marketing/MarketingPage").then((m) => m.MarketingPage),
      ),
      { path: "forbidden", element: <ForbiddenPage /> },
    ],
  },
  { path: "*", element: <NotFoundPage /> },
];

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(appRoutes(queryClient));
}
