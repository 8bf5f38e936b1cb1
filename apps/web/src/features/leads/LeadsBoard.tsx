import { leadPolicy } from "@crm/contracts";
import type { TLead, TLeadBoardSummary } from "@crm/contracts";
import { useId, useRef, useState } from "react";
import type { DragEvent, ReactNode } from "react";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { formatMoneyTotal, formatNumber, formatPhone } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import type { ApiLeadFilters } from "./lead-filters";
import { toApiFilters, useLeadSearchParams } from "./lead-filters";
import {
  isArchived,
  isManualStatus,
  LEAD_STATUSES,
  MANUAL_STATUSES,
  policyLead,
} from "./lead-meta";
import type { LeadStatus } from "./lead-meta";
import { ArchivedBadge, Money } from "./LeadBits";
import { LeadFiltersForm } from "./LeadFiltersForm";
import { LeadsHeader, TotalLine } from "./LeadsPage";
import { useBoardSummary, useLeadCount, useLeadList } from "./leads.queries";
import { useStatusChange } from "./use-status-change";

const COLUMN_PAGE_SIZE = 20;
const DRAG_TYPE = "application/x-crm-lead";
const DAY_MS = 86_400_000;

type ColumnSummary = TLeadBoardSummary["columns"][number];

interface DragState {
  lead: TLead | null;
  over: LeadStatus | null;
}

/**
 * Kanban: one column per status, each its own `status=<one>` query with the page's filters; the
 * headers' counts and budget sums come from one summary request for the whole board.
 * Cards move by drag and drop, or with the per-card select (keyboard and touch users).
 */
export function LeadsBoard() {
  const t = useT();
  useDocumentTitle(t("board.title"));
  const user = useCurrentUser();
  const { filters } = useLeadSearchParams();
  const apiFilters = toApiFilters(filters, leadPolicy.seesArchived(user));
  const { changeStatus, dialog, error, clearError } = useStatusChange();
  const [drag, setDrag] = useState<DragState>({ lead: null, over: null });
  const dragged = useRef<TLead | null>(null);
  const count = useLeadCount(apiFilters);
  const summary = useBoardSummary(apiFilters);
  const columns = filters.status ?? LEAD_STATUSES;
  const summaryOf = (status: LeadStatus): ColumnSummary | undefined =>
    summary.data
      ? (summary.data.columns.find((column) => column.status === status) ?? {
          status,
          count: 0,
          budgets: [],
        })
      : undefined;

  const endDrag = () => {
    dragged.current = null;
    setDrag({ lead: null, over: null });
  };

  return (
    <section className="page page--wide" aria-labelledby="leads-title">
      <LeadsHeader canCreate={leadPolicy.canWork(user)} />
      <LeadFiltersForm showSort={false} />
      <TotalLine total={count.data?.total} isPending={count.isPending} />
      {leadPolicy.canWork(user) ? <p className="muted board-hint">{t("board.hint")}</p> : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={clearError}
          >
            {t("app.dismiss")}
          </button>
        </div>
      ) : null}

      <div className="board">
        {columns.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            filters={apiFilters}
            summary={summaryOf(status)}
            isDropTarget={drag.over === status}
            // BOOKED and SOLD come from a hold and a contract: those columns take no drops.
            canDrop={!!drag.lead && drag.lead.status !== status && isManualStatus(status)}
            isDragging={!!drag.lead}
            onDragOver={(event) => {
              const lead = dragged.current;
              if (!lead || lead.status === status || !isManualStatus(status)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "move";
              if (drag.over !== status) setDrag({ lead, over: status });
            }}
            onDragLeave={(event) => {
              const next = event.relatedTarget as Node | null;
              if (!next || !event.currentTarget.contains(next)) {
                setDrag((current) =>
                  current.over === status ? { ...current, over: null } : current,
                );
              }
            }}
            onDrop={(event) => {
              event.preventDefault();
              const lead = dragged.current;
              endDrag();
              if (lead) changeStatus(lead, status);
            }}
            renderCard={(lead) => (
              <BoardCard
                key={lead.id}
                lead={lead}
                isMovable={leadPolicy.canChangeStatus(user, policyLead(lead)) && !isArchived(lead)}
                isDragging={drag.lead?.id === lead.id}
                onMove={(next) => changeStatus(lead, next)}
                onDragStart={(event) => {
                  dragged.current = lead;
                  event.dataTransfer.effectAllowed = "move";
                  // Some browsers only start a drag that carries data.
                  event.dataTransfer.setData(DRAG_TYPE, String(lead.id));
                  event.dataTransfer.setData("text/plain", lead.fullName);
                  setDrag({ lead, over: null });
                }}
                onDragEnd={endDrag}
              />
            )}
          />
        ))}
      </div>
      {dialog}
    </section>
  );
}

interface BoardColumnProps {
  status: LeadStatus;
  filters: ApiLeadFilters;
  /** Count and budget sums; undefined while the board's summary loads. */
  summary: ColumnSummary | undefined;
  isDropTarget: boolean;
  canDrop: boolean;
  /** A card is being dragged: columns that refuse it say so. */
  isDragging: boolean;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  renderCard: (lead: TLead) => ReactNode;
}

function BoardColumn({
  status,
  filters,
  summary,
  isDropTarget,
  canDrop,
  isDragging,
  onDragOver,
  onDragLeave,
  onDrop,
  renderCard,
}: BoardColumnProps) {
  const t = useT();
  const { locale } = useLanguage();
  const headingId = useId();
  const columnFilters = { ...filters, status };
  // Most recently touched first, so a card just moved here shows on top.
  const leads = useLeadList({
    ...columnFilters,
    sort: "updatedAt",
    order: "desc",
    limit: COLUMN_PAGE_SIZE,
  });
  const items = leads.data?.pages.flatMap((page) => page.items) ?? [];

  const className = [
    "board-column",
    `board-column--${status.toLowerCase()}`,
    canDrop ? "board-column--can-drop" : "",
    isDragging && !isManualStatus(status) ? "board-column--no-drop" : "",
    isDropTarget ? "board-column--over" : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <section
      className={className}
      aria-labelledby={headingId}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <header className="board-column__header">
        <h2 id={headingId}>{t(`lead.status.${status}`)}</h2>
        <span className="badge badge--muted" aria-label={t("board.columnCount")}>
          {summary ? formatNumber(summary.count, locale) : "…"}
        </span>
      </header>
      {summary && summary.budgets.length > 0 ? (
        <p className="board-column__sum" aria-label={t("board.sum")}>
          {summary.budgets.map((budget) => (
            <span key={budget.currency} className="nowrap">
              {formatMoneyTotal(budget.total, budget.currency, locale)}
            </span>
          ))}
        </p>
      ) : null}
      {isManualStatus(status) ? null : (
        <p className="board-column__note muted">{t(`board.noDrop.${status}`)}</p>
      )}
      {leads.isPending ? (
        <Loading />
      ) : leads.isError ? (
        <LoadError error={leads.error} onRetry={() => void leads.refetch()} />
      ) : items.length === 0 ? (
        <p className="board-column__empty muted">{t("board.empty")}</p>
      ) : (
        <ul className="board-column__list" aria-labelledby={headingId}>
          {items.map(renderCard)}
        </ul>
      )}
      {leads.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void leads.fetchNextPage()}
          disabled={leads.isFetchingNextPage}
        >
          {leads.isFetchingNextPage ? t("app.loading") : t("leads.loadMore")}
        </button>
      ) : null}
    </section>
  );
}

interface BoardCardProps {
  lead: TLead;
  isMovable: boolean;
  isDragging: boolean;
  onMove: (status: LeadStatus) => void;
  onDragStart: (event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}

function BoardCard({
  lead,
  isMovable,
  isDragging,
  onMove,
  onDragStart,
  onDragEnd,
}: BoardCardProps) {
  const t = useT();
  const selectId = useId();
  const daysInStage = Math.max(
    0,
    Math.floor((Date.now() - new Date(lead.statusChangedAt).getTime()) / DAY_MS),
  );
  return (
    <li
      className={isDragging ? "board-card board-card--dragging" : "board-card"}
      draggable={isMovable}
      onDragStart={isMovable ? onDragStart : undefined}
      onDragEnd={onDragEnd}
    >
      <Link className="board-card__title" to={`/leads/${lead.id}`} draggable={false}>
        {lead.fullName}
      </Link>
      <ArchivedBadge lead={lead} />
      <p className="board-card__line">{formatPhone(lead.phone)}</p>
      <p className="board-card__line muted">
        {t(`lead.source.${lead.source}`)} · {lead.owner?.name ?? t("lead.noOwner")}
      </p>
      {lead.budget !== null ? (
        <p className="board-card__line">
          <Money minor={lead.budget} currency={lead.budgetCurrency} />
        </p>
      ) : null}
      <p className="board-card__line muted">{t("board.daysInStage", { days: daysInStage })}</p>
      {lead.status === "LOST" && lead.lostReason ? (
        <p className="board-card__line muted">{lead.lostReason}</p>
      ) : null}
      {isMovable ? (
        <div className="board-card__move">
          <label htmlFor={selectId} className="visually-hidden">
            {t("board.moveLabel", { name: lead.fullName })}
          </label>
          <select
            id={selectId}
            value={lead.status}
            onChange={(event) => onMove(event.target.value as LeadStatus)}
          >
            {MANUAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status === lead.status
                  ? t(`lead.status.${status}`)
                  : t("board.moveTo", { status: t(`lead.status.${status}`) })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </li>
  );
}
