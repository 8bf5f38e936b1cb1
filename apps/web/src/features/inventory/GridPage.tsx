import { importRoutes, inventoryRoutes, mayCall, ZId } from "@crm/contracts";
import type { TCurrency, TGrid } from "@crm/contracts";
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useState } from "react";
import type { KeyboardEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { formatDateTime, formatMoney, formatNumber } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { FLAT_STATUSES } from "./flat-meta";
import { toGridQuery, useGridSearchParams } from "./grid-filters";
import { GridFiltersForm } from "./GridFiltersForm";
import { GridFlatList } from "./GridFlatList";
import { useGrid } from "./inventory.queries";
import { Shakhmatka, useCellFormat } from "./Shakhmatka";
import type { GridCell } from "./Shakhmatka";
import "./inventory.css";
import { ExportControl } from "../exports/ExportControl";

// Booking (the flat drawer with its lead picker) and adding a flat load when first used: the
// шахматка paints without their code, phone-number handling included.
const FlatDrawer = lazy(() => import("./FlatDrawer").then((m) => ({ default: m.FlatDrawer })));
const AddFlatForm = lazy(() => import("./AddFlatForm").then((m) => ({ default: m.AddFlatForm })));

/** `/complexes/:id/grid`: the шахматка of one complex with filters, legend and the flat drawer. */
export function GridPage() {
  const { id } = useParams();
  const complexId = ZId.safeParse(id);
  if (!complexId.success) return <ComplexNotFound />;
  // Keyed by id: another complex starts with a fresh pointer and drawer state.
  return <GridView key={complexId.data} complexId={complexId.data} />;
}

function ComplexNotFound() {
  const t = useT();
  useDocumentTitle(t("complex.notFound"));
  return (
    <section className="page page--message" aria-labelledby="complex-missing-title">
      <h1 id="complex-missing-title">{t("complex.notFound")}</h1>
      <Link className="button button--secondary" to="/complexes">
        {t("complex.back")}
      </Link>
    </section>
  );
}

function GridView({ complexId }: { complexId: number }) {
  const t = useT();
  const user = useCurrentUser();
  const { filters, block, perM2, openFlatId, setParams, clearFilters } = useGridSearchParams();
  const grid = useGrid(complexId, toGridQuery(filters));
  const [pointed, setPointed] = useState<{ cell: GridCell; anchor: HTMLElement } | null>(null);
  useDocumentTitle(
    grid.data ? t("grid.title", { name: grid.data.complex.name }) : t("grid.heading"),
  );

  const onOpen = useCallback(
    (flatId: number) => {
      setPointed(null);
      setParams({ flat: flatId }, true);
    },
    [setParams],
  );
  const onPoint = useCallback((cell: GridCell | null, anchor: HTMLElement | null) => {
    setPointed(cell && anchor ? { cell, anchor } : null);
  }, []);
  const location = useLocation();
  const navigate = useNavigate();
  const openedHere = (location.state as { openedFlat?: boolean } | null)?.openedFlat === true;
  const blocks = grid.data?.blocks;
  const shown = useMemo(
    () => shownBlocks(blocks ?? [], block, openFlatId),
    [blocks, block, openFlatId],
  );
  // A link to a flat (?flat=…) shows its block; closing the drawer stays on that block.
  const closeDrawer = useCallback(() => {
    if (openedHere) void navigate(-1);
    else setParams({ flat: null, block: block ?? shown.selected });
  }, [openedHere, navigate, setParams, block, shown.selected]);

  if (grid.isPending) return <Loading />;
  if (isApiError(grid.error, 404)) return <ComplexNotFound />;
  if (grid.isError) return <LoadError error={grid.error} onRetry={() => void grid.refetch()} />;

  const { complex } = grid.data;
  return (
    <section className="page page--wide grid-page" aria-labelledby="grid-title">
      <header className="page__header">
        <Link to="/complexes" className="back-link">
          {t("complex.back")}
        </Link>
        <h1 id="grid-title">{t("grid.title", { name: complex.name })}</h1>
        <p className="muted">{t("grid.subtitle", { currency: complex.currency })}</p>
        <ExportControl request={{ kind: "grid", params: { complexId: complex.id } }} />
        {mayCall(importRoutes.listRuns, user.role) ? (
          <Link className="button button--secondary" to={`/complexes/${complex.id}/import`}>
            {t("import.open")}
          </Link>
        ) : null}
      </header>

      <Legend
        counts={grid.data.counts}
        active={filters.status}
        onToggle={(status) => setParams({ status: filters.status === status ? null : status })}
      />
      <GridFiltersForm filters={filters} setParams={setParams} onClear={clearFilters} />
      <MatchLine grid={grid.data} isFiltered={Object.keys(filters).length > 0} />

      {grid.data.blocks.length === 0 ? (
        <p className="empty-state">{t("grid.empty")}</p>
      ) : (
        <>
          <div className="grid-view-bar">
            {grid.data.blocks.length > 1 ? (
              <BlockTabs
                blocks={grid.data.blocks}
                selected={shown.selected}
                isFiltered={Object.keys(filters).length > 0}
                onSelect={(value) => setParams({ block: value })}
              />
            ) : null}
            <label className="checkbox grid-view-bar__toggle">
              <input
                type="checkbox"
                checked={perM2}
                onChange={(event) => setParams({ perM2: event.target.checked ? 1 : null })}
              />
              {t("grid.perM2Toggle")}
            </label>
          </div>
          <div className="grid-layout">
            <div
              className={grid.isPlaceholderData ? "grid-scroll grid-scroll--stale" : "grid-scroll"}
              id={GRID_PANEL_ID}
              role="region"
              aria-label={t("grid.region")}
              // The region scrolls sideways on narrow screens; keyboard users scroll it too.
              tabIndex={-1}
              onScroll={() => setPointed(null)}
            >
              <Shakhmatka
                blocks={shown.blocks}
                onOpen={onOpen}
                onPoint={onPoint}
                showPerM2={perM2}
              />
            </div>
            <GridFlatList blocks={shown.blocks} currency={complex.currency} onOpen={onOpen} />
          </div>
        </>
      )}
      <p className="muted grid-hint">{t("grid.hint")}</p>

      {pointed ? (
        <FlatTooltip cell={pointed.cell} anchor={pointed.anchor} currency={complex.currency} />
      ) : null}

      <Suspense fallback={<Loading />}>
        {mayCall(inventoryRoutes.createFlat, user.role) ? (
          <AddFlatForm complexId={complex.id} currency={complex.currency} />
        ) : null}

        {openFlatId !== null ? (
          <FlatDrawer key={openFlatId} flatId={openFlatId} onClose={closeDrawer} />
        ) : null}
      </Suspense>
    </section>
  );
}

const ALL_BLOCKS = "all";
const GRID_PANEL_ID = "grid-panel";

/**
 * The blocks on screen: the one whose tab is open, or all of them. Without a choice in the URL
 * it is the block of the flat opened by a link, else the first. A complex of one block has no
 * tabs and shows it whole.
 */
function shownBlocks(blocks: TGrid["blocks"], param: string | null, flatId: number | null) {
  if (blocks.length <= 1 || param === ALL_BLOCKS) return { blocks, selected: ALL_BLOCKS };
  const chosen =
    blocks.find((item) => item.block === param) ??
    (param === null && flatId !== null
      ? blocks.find((item) =>
          item.floors.some((floor) => floor.flats.some((flat) => flat.id === flatId)),
        )
      : undefined) ??
    blocks[0]!;
  return { blocks: [chosen], selected: chosen.block };
}

function matchingIn(block: TGrid["blocks"][number]): number {
  let count = 0;
  for (const floor of block.floors) for (const flat of floor.flats) if (flat.match) count += 1;
  return count;
}

/** A tab per block and one for all; arrow keys move between tabs (one tab stop). */
function BlockTabs({
  blocks,
  selected,
  isFiltered,
  onSelect,
}: {
  blocks: TGrid["blocks"];
  selected: string;
  isFiltered: boolean;
  onSelect: (value: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const baseId = useId();
  const tabs = [
    ...blocks.map((block) => ({
      value: block.block,
      label: t("grid.block", { block: block.block }),
      count: matchingIn(block),
    })),
    { value: ALL_BLOCKS, label: t("grid.blockAll"), count: null },
  ];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.value === selected);
    const next =
      event.key === "ArrowRight"
        ? tabs[(index + 1) % tabs.length]
        : event.key === "ArrowLeft"
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === "Home"
            ? tabs[0]
            : event.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next.value);
    document.getElementById(`${baseId}-${next.value}`)?.focus();
  };
  return (
    <div
      className="tabs grid-tabs"
      role="tablist"
      aria-label={t("grid.blocks")}
      onKeyDown={onKeyDown}
    >
      {tabs.map((tab) => (
        <button
          key={tab.value}
          type="button"
          role="tab"
          id={`${baseId}-${tab.value}`}
          aria-selected={tab.value === selected}
          aria-controls={GRID_PANEL_ID}
          tabIndex={tab.value === selected ? 0 : -1}
          className="tabs__tab"
          onClick={() => onSelect(tab.value)}
        >
          {tab.label}
          {isFiltered && tab.count !== null ? (
            <>
              <span className="tabs__count" aria-hidden="true">
                {formatNumber(tab.count, locale)}
              </span>
              <span className="visually-hidden">
                {t("grid.blockCount", { count: formatNumber(tab.count, locale) })}
              </span>
            </>
          ) : null}
        </button>
      ))}
    </div>
  );
}

function Legend({
  counts,
  active,
  onToggle,
}: {
  counts: TGrid["counts"];
  active: string | undefined;
  onToggle: (status: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  return (
    <ul className="grid-legend" aria-label={t("grid.legend")}>
      {FLAT_STATUSES.map((status) => (
        <li key={status}>
          <button
            type="button"
            className={`grid-legend__item grid-legend__item--${status}`}
            aria-pressed={active === status}
            onClick={() => onToggle(status)}
          >
            <span className="grid-legend__swatch" aria-hidden="true" />
            {t(`flat.status.${status}`)}
            <span className="grid-legend__count">{formatNumber(counts[status], locale)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function MatchLine({ grid, isFiltered }: { grid: TGrid; isFiltered: boolean }) {
  const t = useT();
  const { locale } = useLanguage();
  const { total, matching } = useMemo(() => {
    let total = 0;
    let matching = 0;
    for (const block of grid.blocks) {
      for (const floor of block.floors) {
        for (const flat of floor.flats) {
          total += 1;
          if (flat.match) matching += 1;
        }
      }
    }
    return { total, matching };
  }, [grid]);
  return (
    <p className="muted total-line" role="status">
      {isFiltered
        ? t("grid.matching", {
            matching: formatNumber(matching, locale),
            total: formatNumber(total, locale),
          })
        : t("grid.total", { total: formatNumber(total, locale) })}
    </p>
  );
}

const TIP_WIDTH = 240;

/** Details of the flat under the pointer or focus; purely visual (each cell has a full label). */
function FlatTooltip({
  cell,
  anchor,
  currency,
}: {
  cell: GridCell;
  anchor: HTMLElement;
  currency: TCurrency;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const format = useCellFormat();
  const [, setTick] = useState(0);

  // The page may scroll under a fixed tooltip: follow the cell by measuring it again.
  useEffect(() => {
    const onScroll = () => setTick((tick) => tick + 1);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);

  const rect = anchor.getBoundingClientRect();
  const left = Math.min(
    Math.max(rect.left + rect.width / 2 - TIP_WIDTH / 2, 8),
    window.innerWidth - TIP_WIDTH - 8,
  );
  const below = rect.top < 180;
  const style = below
    ? { left, top: rect.bottom + 6 }
    : { left, top: rect.top - 6, transform: "translateY(-100%)" };

  return (
    <div className="flat-tip" style={style} aria-hidden="true">
      <p className="flat-tip__title">
        {t("flat.title", { number: cell.number })}
        <span className={`flat-status flat-status--${cell.status}`}>
          {t(`flat.status.${cell.status}`)}
        </span>
      </p>
      <p>
        {cell.rooms === 0 ? t("flat.studio") : t("flat.rooms", { rooms: cell.rooms })} ·{" "}
        {t("flat.areaValue", { area: format.area(cell.area) })}
      </p>
      <p className="flat-tip__price">{formatMoney(cell.price, currency, locale)}</p>
      <p className="muted">
        {t("flat.perM2Value", { price: formatMoney(cell.pricePerM2, currency, locale) })}
      </p>
      {cell.status === "BOOKED" && cell.bookedUntil ? (
        <p className="muted">
          {t("flat.bookedUntilValue", { date: formatDateTime(cell.bookedUntil, locale) })}
        </p>
      ) : null}
    </div>
  );
}
