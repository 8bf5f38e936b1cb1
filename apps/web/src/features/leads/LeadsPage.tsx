import { leadPolicy } from "@crm/contracts";
import type { TLead } from "@crm/contracts";
import { useEffect, useMemo, useRef, useState } from "react";
import type { MouseEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatDate, formatNumber, formatPhone } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { toApiFilters, useLeadSearchParams } from "./lead-filters";
import { ArchivedBadge, LeadViewSwitch, Money, StatusBadge } from "./LeadBits";
import { BulkBar } from "./BulkBar";
import { LeadFiltersForm } from "./LeadFiltersForm";
import { useLeadCount, useLeadList } from "./leads.queries";
import { ExportControl } from "../exports/ExportControl";

const PAGE_SIZE = 50;

export function LeadsPage() {
  const t = useT();
  useDocumentTitle(t("leads.title"));
  const user = useCurrentUser();
  const { filters, sort } = useLeadSearchParams();
  const apiFilters = toApiFilters(filters, leadPolicy.seesArchived(user));
  const leads = useLeadList({ ...apiFilters, ...sort, limit: PAGE_SIZE });
  const count = useLeadCount(apiFilters);
  const rows = useMemo(() => leads.data?.pages.flatMap((page) => page.items) ?? [], [leads.data]);

  // Ticked leads; other filters or another sort are another list, so the selection starts over.
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(new Set());
  const listKey = JSON.stringify([apiFilters, sort]);
  useEffect(() => setSelectedIds(new Set()), [listKey]);
  const selected = rows.filter((lead) => selectedIds.has(lead.id));

  return (
    <section className="page" aria-labelledby="leads-title">
      <LeadsHeader canCreate={leadPolicy.canWork(user)} />
      <LeadFiltersForm showSort />
      <div className="leads-export-line">
        <TotalLine total={count.data?.total} isPending={count.isPending} />
        <ExportControl request={{ kind: "leads", params: apiFilters }} />
      </div>
      <BulkBar selected={selected} filters={apiFilters} onClear={() => setSelectedIds(new Set())} />

      {leads.isPending ? (
        <Loading />
      ) : leads.isError ? (
        <LoadError error={leads.error} onRetry={() => void leads.refetch()} />
      ) : (
        <>
          <LeadsTable
            leads={rows}
            isStale={leads.isPlaceholderData}
            selectedIds={selectedIds}
            onSelect={setSelectedIds}
          />
          {leads.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary load-more"
              onClick={() => void leads.fetchNextPage()}
              disabled={leads.isFetchingNextPage}
            >
              {leads.isFetchingNextPage ? t("app.loading") : t("leads.loadMore")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

export function LeadsHeader({ canCreate }: { canCreate: boolean }) {
  const t = useT();
  return (
    <header className="page__header page__header--row">
      <h1 id="leads-title">{t("leads.title")}</h1>
      <LeadViewSwitch />
      {canCreate ? (
        <Link className="button button--primary" to="/leads/new">
          {t("leads.new")}
        </Link>
      ) : null}
    </header>
  );
}

export function TotalLine({ total, isPending }: { total: number | undefined; isPending: boolean }) {
  const t = useT();
  const { locale } = useLanguage();
  return (
    <p className="muted total-line" role="status">
      {isPending || total === undefined
        ? t("leads.countLoading")
        : t("leads.count", { count: formatNumber(total, locale) })}
    </p>
  );
}

interface LeadsTableProps {
  leads: TLead[];
  isStale: boolean;
  selectedIds: ReadonlySet<number>;
  onSelect: (ids: ReadonlySet<number>) => void;
}

function LeadsTable({ leads, isStale, selectedIds, onSelect }: LeadsTableProps) {
  const t = useT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const allBox = useRef<HTMLInputElement>(null);
  const selectedHere = leads.filter((lead) => selectedIds.has(lead.id)).length;
  const isAllSelected = leads.length > 0 && selectedHere === leads.length;
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = selectedHere > 0 && !isAllSelected;
  }, [selectedHere, isAllSelected]);
  const toggle = (id: number) => {
    const next = new Set(selectedIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  if (leads.length === 0) return <p className="empty-state">{t("leads.empty")}</p>;

  // The whole row opens the card for mouse users; the name is the real link for everyone else.
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, lead: TLead) => {
    if ((event.target as HTMLElement).closest("a, button, input, select")) return;
    if (window.getSelection()?.toString()) return;
    void navigate(`/leads/${lead.id}`);
  };

  return (
    <>
      {/* Above the table rather than in its header, which phones hide (rows become cards). */}
      <label className="select-all">
        <input
          ref={allBox}
          type="checkbox"
          checked={isAllSelected}
          onChange={() =>
            onSelect(isAllSelected ? new Set() : new Set(leads.map((lead) => lead.id)))
          }
        />
        <span>{t("leads.select.all")}</span>
      </label>
      <div
        className={isStale ? "table-wrap table-wrap--stale" : "table-wrap"}
        role="region"
        aria-labelledby="leads-table-caption"
        tabIndex={0}
      >
        <table className="table table--leads">
          <caption id="leads-table-caption" className="visually-hidden">
            {t("leads.table")}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="cell--select">
                <span className="visually-hidden">{t("leads.select.column")}</span>
              </th>
              <th scope="col">{t("lead.field.fullName")}</th>
              <th scope="col">{t("lead.field.phone")}</th>
              <th scope="col">{t("lead.field.status")}</th>
              <th scope="col">{t("lead.field.source")}</th>
              <th scope="col">{t("lead.field.region")}</th>
              <th scope="col">{t("lead.field.owner")}</th>
              <th scope="col">{t("lead.field.budget")}</th>
              <th scope="col">{t("lead.field.createdAt")}</th>
              <th scope="col">{t("lead.field.lastActivityAt")}</th>
              <th scope="col">{t("lead.field.nextCallbackAt")}</th>
            </tr>
          </thead>
          <tbody>
            {leads.map((lead) => (
              <tr
                key={lead.id}
                className={selectedIds.has(lead.id) ? "row--link row--selected" : "row--link"}
                onClick={(event) => onRowClick(event, lead)}
              >
                <td className="cell--select">
                  <input
                    type="checkbox"
                    aria-label={t("leads.select.one", { name: lead.fullName })}
                    checked={selectedIds.has(lead.id)}
                    onChange={() => toggle(lead.id)}
                  />
                </td>
                <td className="cell--title">
                  <Link to={`/leads/${lead.id}`}>{lead.fullName}</Link>{" "}
                  <ArchivedBadge lead={lead} />
                </td>
                <td data-label={t("lead.field.phone")} className="nowrap">
                  {formatPhone(lead.phone)}
                </td>
                <td data-label={t("lead.field.status")}>
                  <StatusBadge status={lead.status} />
                </td>
                <td data-label={t("lead.field.source")}>{t(`lead.source.${lead.source}`)}</td>
                <td data-label={t("lead.field.region")}>{lead.region ?? "—"}</td>
                <td data-label={t("lead.field.owner")}>
                  {lead.owner?.name ?? <span className="muted">{t("lead.noOwner")}</span>}
                </td>
                <td data-label={t("lead.field.budget")} className="cell--money">
                  <Money minor={lead.budget} currency={lead.budgetCurrency} />
                </td>
                <td data-label={t("lead.field.createdAt")} className="cell--date">
                  {formatDate(lead.createdAt, locale)}
                </td>
                <td data-label={t("lead.field.lastActivityAt")} className="cell--date">
                  {lead.lastActivityAt ? formatDate(lead.lastActivityAt, locale) : "—"}
                </td>
                <td
                  data-label={t("lead.field.nextCallbackAt")}
                  className={
                    lead.nextCallbackAt && lead.nextCallbackAt < new Date().toISOString()
                      ? "cell--date cell--overdue"
                      : "cell--date"
                  }
                >
                  {lead.nextCallbackAt ? formatDate(lead.nextCallbackAt, locale) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
