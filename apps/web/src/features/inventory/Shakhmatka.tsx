import type { TGrid } from "@crm/contracts";
import { memo, useEffect, useMemo, useRef } from "react";
import type { FocusEvent, KeyboardEvent, MouseEvent } from "react";
import { useLanguage, useT } from "../../i18n";
import type { Translate } from "../../i18n";
import { useAfterFirstPaint } from "../../lib/after-paint";
import { numberFormat } from "../../lib/format";
import { shortNumber } from "../../lib/short-number";

export type GridCell = TGrid["blocks"][number]["floors"][number]["flats"][number];
type GridBlock = TGrid["blocks"][number];

interface ShakhmatkaProps {
  blocks: GridBlock[];
  /** Called with the flat a cell stands for when it is clicked (or Enter/Space). */
  onOpen: (id: number) => void;
  /** Called when the pointer or focus reaches a cell (null: left the grid). */
  onPoint: (cell: GridCell | null, element: HTMLElement | null) => void;
  /** Cells show the price per m² instead of the total price. */
  showPerM2?: boolean;
}

export interface CellFormat {
  area: (value: number) => string;
  shortPrice: (minor: number) => string;
}

/** One per dictionary (a language's `t`), shared by every cell and every row of the lists. */
const cellFormats = new WeakMap<Translate, CellFormat>();

export function useCellFormat(): CellFormat {
  const { locale } = useLanguage();
  const t = useT();
  let format = cellFormats.get(t);
  if (!format) {
    const oneDecimal = numberFormat(locale, { maximumFractionDigits: 1 });
    format = {
      area: (value) => oneDecimal.format(value),
      shortPrice: (minor) => shortNumber(t, oneDecimal, minor / 100),
    };
    cellFormats.set(t, format);
  }
  return format;
}

/**
 * Cells drawn in the first render: a screenful (below the page's header and filters a 1440×900
 * window shows about 8 floors, a 390 px phone fewer). The rest follow in the next task, after
 * that first frame is painted, so a person sees the top of a big block without waiting for the
 * floors below the fold.
 */
export const FIRST_SCREEN_CELLS = 240;

/** Cell box in px, kept equal to `.flat-cell` in inventory.css (width, height, gap). */
const CELL = { width: 78, height: 54, gap: 3, label: 32 + 4 } as const;
const floorWidth = (cells: number) =>
  CELL.label + cells * CELL.width + Math.max(0, cells - 1) * CELL.gap;

/** "A-101" in block "A" is drawn as "101": the block is the column's heading already. */
function cellNumber(number: string, block: string): string {
  const prefix = `${block}-`;
  return number.startsWith(prefix) && number.length > prefix.length
    ? number.slice(prefix.length)
    : number;
}

const cellOf = (target: EventTarget | null): HTMLElement | null =>
  target instanceof Element ? target.closest<HTMLElement>("[data-flat-id]") : null;

/**
 * The шахматка: per block, floors top-down, one plain button per flat. Thousands of cells, so
 * each is a bare element with precomputed text, events are delegated to the container, the
 * component is memoized (pointing at a cell re-renders only the tooltip beside it), and keyboard
 * focus moves with the arrow keys through a single tab stop.
 */
export const Shakhmatka = memo(function Shakhmatka({
  blocks,
  onOpen,
  onPoint,
  showPerM2 = false,
}: ShakhmatkaProps) {
  const t = useT();
  const format = useCellFormat();

  const cells = useMemo(() => {
    const byId = new Map<number, GridCell>();
    for (const block of blocks) {
      for (const floor of block.floors) for (const flat of floor.flats) byId.set(flat.id, flat);
    }
    return byId;
  }, [blocks]);

  // First a screenful, then every cell (see FIRST_SCREEN_CELLS). The paint-time benchmark and
  // the browser tests read the two marks: "grid-painted", the frame after the first render, and
  // "grid-drawn", the frame after every cell is in the document.
  const afterFirstPaint = useAfterFirstPaint();
  const drawnAll = afterFirstPaint || cells.size <= FIRST_SCREEN_CELLS;
  const budget = drawnAll ? Infinity : FIRST_SCREEN_CELLS;
  const painted = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      // Each mark carries the cells in the document then (one grid on the page).
      const detail = { cells: document.querySelectorAll(".flat-cell").length };
      if (!painted.current) performance.mark("grid-painted", { detail });
      painted.current = true;
      if (drawnAll) performance.mark("grid-drawn", { detail });
    });
    return () => cancelAnimationFrame(frame);
  }, [drawnAll]);
  // The cells each block may draw in this render, blocks in order.
  const limits = useMemo(() => {
    let left = budget;
    return blocks.map((block) => {
      const mine = left;
      for (const floor of block.floors) left -= floor.flats.length;
      return mine;
    });
  }, [blocks, budget]);

  // The one tab stop: the first cell of the first block that is drawn (not "no matches").
  const firstId = blocks.find(hasMatch)?.floors[0]?.flats[0]?.id;

  const point = (target: EventTarget | null) => {
    const element = cellOf(target);
    const cell = element ? cells.get(Number(element.dataset.flatId)) : undefined;
    onPoint(cell ?? null, cell ? element : null);
  };

  return (
    <div
      className="shakhmatka"
      data-testid="shakhmatka"
      onClick={(event: MouseEvent) => {
        const element = cellOf(event.target);
        if (element) onOpen(Number(element.dataset.flatId));
      }}
      onMouseOver={(event: MouseEvent) => point(event.target)}
      onMouseLeave={() => onPoint(null, null)}
      onFocus={(event: FocusEvent) => point(event.target)}
      onBlur={() => onPoint(null, null)}
      onKeyDown={moveFocus}
    >
      {blocks.map((block, index) => (
        <BlockGrid
          key={block.block}
          block={block}
          maxCells={limits[index]!}
          t={t}
          format={format}
          firstId={firstId}
          showPerM2={showPerM2}
        />
      ))}
    </div>
  );
});

const BlockGrid = memo(function BlockGrid({
  block,
  maxCells,
  t,
  format,
  firstId,
  showPerM2,
}: {
  block: GridBlock;
  /** Floors are drawn from the top while their cells fit (Infinity: all; 0 or less: none). */
  maxCells: number;
  t: Translate;
  format: CellFormat;
  firstId: number | undefined;
  showPerM2: boolean;
}) {
  const title = t("grid.block", { block: block.block });
  // A screenful's floors: whole floors from the top while they fit, at least one.
  const floors = useMemo(() => {
    if (maxCells === Infinity) return block.floors;
    let end = 0;
    for (let left = maxCells; end < block.floors.length; end++) {
      const cells = block.floors[end]!.flats.length;
      if (left <= 0 || (end > 0 && cells > left)) break;
      left -= cells;
    }
    return block.floors.slice(0, end);
  }, [block, maxCells]);
  if (!hasMatch(block)) {
    return (
      <section className="grid-block" aria-label={title}>
        <h2 className="grid-block__title">{title}</h2>
        <p className="grid-block__empty">{t("grid.noMatches", { block: block.block })}</p>
      </section>
    );
  }
  return (
    <section className="grid-block" aria-label={title}>
      <h2 className="grid-block__title">{title}</h2>
      <div className="grid-block__floors">
        {floors.map((floor) => (
          <div
            key={floor.floor}
            className="grid-floor"
            // Off-screen rows skip layout and paint (content-visibility); this is the size they
            // stand in with until they scroll into view, so the scroll area keeps its extent.
            style={{
              containIntrinsicSize: `auto ${floorWidth(floor.flats.length)}px auto ${CELL.height}px`,
            }}
          >
            <span className="grid-floor__label" title={t("grid.floor", { floor: floor.floor })}>
              {floor.floor}
            </span>
            <div className="grid-floor__flats">
              {floor.flats.map((flat) => {
                const status = t(`flat.status.${flat.status}`);
                const rooms =
                  flat.rooms === 0
                    ? t("grid.studioShort")
                    : t("grid.roomsShort", { rooms: flat.rooms });
                const roomsLabel =
                  flat.rooms === 0 ? t("flat.studio") : t("flat.rooms", { rooms: flat.rooms });
                const area = format.area(flat.area);
                const price = showPerM2
                  ? t("grid.perM2Short", { price: format.shortPrice(flat.pricePerM2) })
                  : format.shortPrice(flat.price);
                return (
                  <button
                    key={flat.id}
                    type="button"
                    className={
                      flat.match
                        ? `flat-cell flat-cell--${flat.status}`
                        : `flat-cell flat-cell--${flat.status} flat-cell--dim`
                    }
                    data-flat-id={flat.id}
                    data-status={flat.status}
                    tabIndex={flat.id === firstId ? 0 : -1}
                    // The visible text (number, rooms · area, price) reads in the name in the same
                    // order (WCAG 2.5.3 label in name), so a person may say what they see; the
                    // words in brackets spell out the abbreviations for screen readers.
                    aria-label={t("grid.cellLabel", {
                      number: flat.number,
                      roomsShort: rooms,
                      rooms: roomsLabel,
                      area,
                      price,
                      floor: floor.floor,
                      status,
                    })}
                  >
                    <span className="flat-cell__number">
                      {cellNumber(flat.number, block.block)}
                    </span>{" "}
                    {/* The label already says all of it, in the order shown. The spaces between
                        the parts (not drawn: the cell is a grid) keep their words apart. */}
                    <span className="flat-cell__meta" aria-hidden="true">
                      {`${rooms} · ${area}`}
                    </span>{" "}
                    <span className="flat-cell__price" aria-hidden="true">
                      {price}
                    </span>
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
});

/** Whether any flat of a block matches the filters (with none set, every flat does). */
function hasMatch(block: GridBlock): boolean {
  return block.floors.some((floor) => floor.flats.some((flat) => flat.match));
}

/**
 * Arrow keys move between cells (one tab stop for the whole grid). Done on the DOM: moving focus
 * must not re-render thousands of cells.
 */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  const current = cellOf(event.target);
  if (!current) return;
  const row = current.parentElement;
  if (!row) return;
  const inRow = [...row.children] as HTMLElement[];
  const index = inRow.indexOf(current);
  let next: HTMLElement | null | undefined = null;
  switch (event.key) {
    case "ArrowRight":
      next = inRow[index + 1];
      break;
    case "ArrowLeft":
      next = inRow[index - 1];
      break;
    case "Home":
      next = inRow[0];
      break;
    case "End":
      next = inRow[inRow.length - 1];
      break;
    case "ArrowUp":
    case "ArrowDown": {
      const floor = row.closest(".grid-floor");
      const sibling = (
        event.key === "ArrowUp" ? floor?.previousElementSibling : floor?.nextElementSibling
      )?.querySelector(".grid-floor__flats");
      const cellsThere = sibling ? ([...sibling.children] as HTMLElement[]) : [];
      next = cellsThere[Math.min(index, cellsThere.length - 1)];
      break;
    }
    default:
      return;
  }
  event.preventDefault();
  if (!next) return;
  current.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
