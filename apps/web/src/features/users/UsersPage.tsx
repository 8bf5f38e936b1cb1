import { ROLE_CODES, ZRoleCode } from "@crm/contracts";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDocumentTitle, useT } from "../../i18n";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { CreateUserForm } from "./CreateUserForm";
import type { UserFilters } from "./users.queries";
import { useUsers } from "./users.queries";
import { UsersTable } from "./UsersTable";

/** Filters live in the URL (?role=&active=&q=) so a filtered view can be shared or reloaded. */
function useUserFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const role = ZRoleCode.safeParse(searchParams.get("role"));
  const active = searchParams.get("active");
  const filters: UserFilters = {
    role: role.success ? role.data : undefined,
    active: active === "true" || active === "false" ? active : undefined,
    q: searchParams.get("q")?.trim() || undefined,
  };
  const setFilter = (name: keyof UserFilters, value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { filters, setFilter };
}

export function UsersPage() {
  const t = useT();
  useDocumentTitle(t("users.title"));
  const { filters, setFilter } = useUserFilters();
  const [search, setSearch] = useState(filters.q ?? "");
  const users = useUsers(filters);

  // Typing updates the URL (and the query) once the user pauses.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (search.trim() !== (filters.q ?? "")) setFilter("q", search.trim());
    }, 300);
    return () => window.clearTimeout(timer);
  });

  return (
    <section className="page" aria-labelledby="users-title">
      <header className="page__header">
        <h1 id="users-title">{t("users.title")}</h1>
      </header>

      <div className="layout-two">
        <div className="layout-two__main">
          <form
            className="filters"
            role="search"
            aria-label={t("users.filters")}
            onSubmit={(event) => {
              event.preventDefault();
              setFilter("q", search.trim());
            }}
          >
            <TextField
              label={t("users.search")}
              type="search"
              placeholder={t("users.searchPlaceholder")}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <SelectField
              label={t("users.filterRole")}
              value={filters.role ?? ""}
              onChange={(event) => setFilter("role", event.target.value)}
            >
              <option value="">{t("users.allRoles")}</option>
              {ROLE_CODES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("users.filterStatus")}
              value={filters.active ?? ""}
              onChange={(event) => setFilter("active", event.target.value)}
            >
              <option value="">{t("users.allStatuses")}</option>
              <option value="true">{t("users.active")}</option>
              <option value="false">{t("users.inactive")}</option>
            </SelectField>
          </form>

          {users.isPending ? (
            <Loading />
          ) : users.isError ? (
            <LoadError error={users.error} onRetry={() => void users.refetch()} />
          ) : (
            <>
              <UsersTable users={users.data.pages.flatMap((page) => page.items)} />
              {users.hasNextPage ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void users.fetchNextPage()}
                  disabled={users.isFetchingNextPage}
                >
                  {users.isFetchingNextPage ? t("app.loading") : t("users.loadMore")}
                </button>
              ) : null}
            </>
          )}
        </div>
        <aside className="layout-two__side">
          <CreateUserForm />
        </aside>
      </div>
    </section>
  );
}
