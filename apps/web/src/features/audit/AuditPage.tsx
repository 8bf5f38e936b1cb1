import { AUDIT_ACTIONS, AUDIT_ENTITIES, ZId } from "@crm/contracts";
import type { TAuditAction, TAuditFilters } from "@crm/contracts";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { dayEndIso, dayStartIso, isDay } from "../../lib/dates";
import { formatDateTime } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { useAssignableUsers, useComplexOptions } from "../leads/leads.queries";
import { useUsers } from "../users/users.queries";
import { useAuditLog } from "./audit.queries";
import { describeEvent } from "./describe-event";
import type { DescribeContext } from "./describe-event";
import "./audit.css";

const isAction = (value: string | null): value is TAuditAction =>
  (AUDIT_ACTIONS as readonly (string | null)[]).includes(value);

/** The URL's filters (`?actorId=&action=&entity=&entityId=&from=&to=`), invalid ones dropped. */
function readFilters(params: URLSearchParams): TAuditFilters {
  const filters: TAuditFilters = {};
  const actor = params.get("actorId");
  if (actor === "system") filters.actorId = "system";
  else {
    const id = ZId.safeParse(actor ?? undefined);
    if (id.success) filters.actorId = id.data;
  }
  const action = params.get("action");
  if (isAction(action)) filters.action = action;
  const entity = params.get("entity");
  if (entity && (AUDIT_ENTITIES as readonly string[]).includes(entity)) filters.entity = entity;
  const entityId = params.get("entityId")?.trim();
  if (entityId) filters.entityId = entityId.slice(0, 64);
  const from = params.get("from");
  if (isDay(from)) filters.from = dayStartIso(from);
  const to = params.get("to");
  if (isDay(to)) filters.to = dayEndIso(to);
  return filters;
}

/** `/admin/audit`: who changed what and when, filtered, with before/after in words; CSV export. */
export function AuditPage() {
  const t = useT();
  useDocumentTitle(t("nav.audit"));
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(() => readFilters(params), [key]);
  const log = useAuditLog(filters);
  const users = useUsers({});
  const assignable = useAssignableUsers(user.role);
  const complexes = useComplexOptions(user.role);
  const people = (users.data?.pages ?? []).flatMap((page) => page.items);

  const ctx: DescribeContext = {
    t,
    locale,
    people: new Map([
      ...(assignable.data?.items ?? []).map((person) => [person.id, person.name] as const),
      ...people.map(
        (person) => [person.id, `${person.firstName} ${person.lastName}`.trim()] as const,
      ),
    ]),
    complexes: new Map(complexes.map((option) => [option.id, option.name])),
  };

  const set = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const exportQuery = new URLSearchParams(
    Object.entries(filters).map(([name, value]) => [name, String(value)]),
  ).toString();
  const items = (log.data?.pages ?? []).flatMap((page) => page.items);

  return (
    <section className="page audit" aria-labelledby="audit-title">
      <header className="page__header">
        <h1 id="audit-title">{t("nav.audit")}</h1>
        <a
          className="button button--secondary"
          href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
          download
        >
          {t("audit.export")}
        </a>
      </header>
      <form
        className="panel audit__filters"
        role="search"
        aria-label={t("audit.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label={t("audit.filter.user")}
          value={params.get("actorId") ?? ""}
          onChange={(event) => set("actorId", event.target.value)}
        >
          <option value="">{t("audit.filter.anyone")}</option>
          <option value="system">{t("timeline.system")}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {`${person.firstName} ${person.lastName}`.trim() || person.login} ({person.login})
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("audit.filter.action")}
          value={filters.action ?? ""}
          onChange={(event) => set("action", event.target.value)}
        >
          <option value="">{t("audit.filter.any")}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`audit.action.${action}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("audit.filter.entity")}
          value={filters.entity ?? ""}
          onChange={(event) => set("entity", event.target.value)}
        >
          <option value="">{t("audit.filter.any")}</option>
          {AUDIT_ENTITIES.map((entity) => (
            <option key={entity} value={entity}>
              {t(`audit.entity.${entity as "Lead"}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("audit.filter.entityId")}
          value={params.get("entityId") ?? ""}
          onChange={(event) => set("entityId", event.target.value)}
        />
        <TextField
          label={t("audit.filter.from")}
          type="date"
          value={params.get("from") ?? ""}
          onChange={(event) => set("from", event.target.value)}
        />
        <TextField
          label={t("audit.filter.to")}
          type="date"
          value={params.get("to") ?? ""}
          onChange={(event) => set("to", event.target.value)}
        />
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t("audit.empty")}</p>
      ) : (
        <>
          <ol className="audit__list" aria-label={t("audit.list")}>
            {items.map((entry) => {
              const lines = describeEvent(ctx, {
                action: entry.action,
                before: entry.before,
                after: entry.after,
              });
              return (
                <li key={entry.id} className="panel audit__entry">
                  <p className="audit__meta">
                    <time dateTime={entry.createdAt}>
                      {formatDateTime(entry.createdAt, locale)}
                    </time>
                    <span className="audit__who">
                      {entry.actor
                        ? `${entry.actor.name} (${entry.actor.login})`
                        : t("timeline.system")}
                    </span>
                  </p>
                  <p className="audit__what">
                    <strong>
                      {isAction(entry.action) ? t(`audit.action.${entry.action}`) : entry.action}
                    </strong>{" "}
                    <span className="muted">
                      {t(`audit.entity.${entry.entity as "Lead"}`)} #{entry.entityId}
                    </span>
                  </p>
                  {lines.map((line, index) => (
                    <p key={index} className="audit__line">
                      {line}
                    </p>
                  ))}
                </li>
              );
            })}
          </ol>
          {log.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {t("audit.more")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
