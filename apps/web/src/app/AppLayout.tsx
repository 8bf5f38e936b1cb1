import type { TMe } from "@crm/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { usePolicySettings } from "./policy";
import { Suspense, useEffect, useState } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { authKeys, useLogout, useMe } from "../features/auth/auth.queries";
import { loginPathFor } from "../features/auth/safe-next";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { GlobalSearch } from "../features/search/GlobalSearch";
import { useShellT } from "../i18n";
import { LoadError, Loading } from "../ui/Status";
import type { AppOutletContext } from "./current-user";
import { LanguageSwitch } from "./LanguageSwitch";
import { navItemsFor } from "./navigation";

/** Everything behind the login: waits for the session, then renders the shell around pages. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="boot">
        <LoadError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Navigate to={loginPathFor(location)} replace />;
  return <Shell user={me.data} />;
}

function Shell({ user }: { user: TMe }) {
  const t = useShellT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [isMenuOpen, setMenuOpen] = useState(false);
  // Loaded with the shell so forms open with the limits the API enforces.
  usePolicySettings();

  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    if (!isMenuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setMenuOpen(false);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [isMenuOpen]);

  const onLogout = () =>
    logout.mutate(undefined, {
      // Even if the call failed the user asked to leave: forget the session locally too.
      onSettled: () => {
        queryClient.setQueryData(authKeys.me, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
        // flushSync unmounts this layout before it can react to the cleared session with its
        // own "/login?next=…" redirect.
        void navigate("/login", { replace: true, flushSync: true });
      },
    });

  const fullName = [user.firstName, user.lastName].filter(Boolean).join(" ") || user.login;
  const roleName = t(`role.${user.role}`);
  const context: AppOutletContext = { user };

  return (
    <div className={isMenuOpen ? "app app--menu-open" : "app"}>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="topbar__menu"
          aria-expanded={isMenuOpen}
          aria-controls="side-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="topbar__menu-icon" aria-hidden="true" />
          <span className="topbar__menu-label">{t("nav.menu")}</span>
        </button>
        <Link to="/dashboard" className="topbar__brand">
          {t("app.name")}
        </Link>
        <GlobalSearch />
        <NotificationBell />
        <div className="topbar__tools">
          <p className="topbar__user" title={t("header.user", { name: fullName, role: roleName })}>
            <span className="topbar__name">{fullName}</span>
            <span className="badge">{roleName}</span>
          </p>
          <LanguageSwitch />
          <button
            type="button"
            className="button button--secondary"
            onClick={onLogout}
            disabled={logout.isPending}
          >
            {t("header.logout")}
          </button>
        </div>
      </header>
      <div className="shell">
        <nav id="side-nav" className="sidenav" aria-label={t("nav.label")}>
          <ul>
            {navItemsFor(user.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false} className="sidenav__link">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {/* A page whose strings are still loading waits here, inside the shell. */}
          <Suspense fallback={<Loading />}>
            <Outlet context={context} />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
