import type { TCurrency, TGrid } from "@crm/contracts";
import { useMemo, useState } from "react";
import { useLanguage, useT } from "../../i18n";
import { useAfterFirstPaint } from "../../lib/after-paint";
import { formatNumber } from "../../lib/format";
import { Loading } from "../../ui/Status";
import { FlatFigureHeaders, FlatFigures, SortHeader, useFlatSort } from "./flat-table";

const PAGE = 50;
const NONE: never[] = [];

/**
 * The flats of the shown blocks that match the filters, as a sortable list beside the grid (under
 * it on phones). A row opens the same flat drawer as a cell.
 */
export function GridFlatList({
  blocks,
  currency,
  onOpen,
}: {
  blocks: TGrid["blocks"];
  currency: TCurrency;
  onOpen: (id: number) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  // Drawn after the grid's first frame: the list is beside or under the grid, and the grid is
  // what a person looks at first.
  const afterFirstPaint = useAfterFirstPaint();
  const flats = useMemo(
    () =>
      afterFirstPaint
        ? blocks.flatMap(({ block, floors }) =>
            floors.flatMap(({ floor, flats }) =>
              flats.filter((flat) => flat.match).map((flat) => ({ ...flat, block, floor })),
            ),
          )
        : null,
    [blocks, afterFirstPaint],
  );
  const { sorted, sort, onSort } = useFlatSort(flats ?? NONE);
  const [shown, setShown] = useState(PAGE);
  const showBlock = blocks.length > 1;

  return (
    <section className="panel grid-list" aria-labelledby="grid-list-title">
      <h2 id="grid-list-title">{t("grid.list.title")}</h2>
      {flats === null ? (
        <Loading />
      ) : flats.length === 0 ? (
        <p className="muted">{t("grid.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards flat-table">
            <thead>
              <tr>
                <th scope="col">{t("flat.number")}</th>
                <SortHeader column="floor" label={t("flat.floor")} sort={sort} onSort={onSort} />
                <FlatFigureHeaders sort={sort} onSort={onSort} />
                <th scope="col">{t("flat.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.slice(0, shown).map((flat) => (
                <tr key={flat.id} className="flat-table__row" onClick={() => onOpen(flat.id)}>
                  <td data-label={t("flat.number")}>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t("grid.list.open", { number: flat.number })}
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(flat.id);
                      }}
                    >
                      {showBlock ? `${flat.block} · ${flat.number}` : flat.number}
                    </button>
                  </td>
                  <td data-label={t("flat.floor")}>{flat.floor}</td>
                  <FlatFigures flat={flat} currency={currency} />
                  <td data-label={t("flat.statusLabel")}>
                    <span className={`flat-status flat-status--${flat.status}`}>
                      {t(`flat.status.${flat.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > shown ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setShown((count) => count + PAGE)}
        >
          {t("grid.list.more", { count: formatNumber(sorted.length - shown, locale) })}
        </button>
      ) : null}
    </section>
  );
}
