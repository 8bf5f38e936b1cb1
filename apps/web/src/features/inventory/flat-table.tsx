import type { TCurrency } from "@crm/contracts";
import { useMemo, useState } from "react";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { useCellFormat } from "./Shakhmatka";

export const FLAT_SORT_KEYS = ["price", "pricePerM2", "floor", "area"] as const;
export type FlatSortKey = (typeof FLAT_SORT_KEYS)[number];
export interface FlatSort {
  key: FlatSortKey;
  order: "asc" | "desc";
}
type Sortable = Record<FlatSortKey, number> & { id: number };

/** Flats ordered by one column; ties keep a stable order by id. */
export function sortFlats<T extends Sortable>(flats: readonly T[], sort: FlatSort): T[] {
  const sign = sort.order === "asc" ? 1 : -1;
  return [...flats].sort((a, b) => sign * (a[sort.key] - b[sort.key]) || a.id - b.id);
}

/** The sort a list of flats starts with (cheapest first) and the way a header changes it. */
export function useFlatSort<T extends Sortable>(flats: readonly T[]) {
  const [sort, setSort] = useState<FlatSort>({ key: "price", order: "asc" });
  const sorted = useMemo(() => sortFlats(flats, sort), [flats, sort]);
  const onSort = (key: FlatSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, order: current.order === "asc" ? "desc" : "asc" }
        : { key, order: "asc" },
    );
  return { sorted, sort, onSort };
}

/**
 * A column heading that sorts by its column: a real button (keyboard and touch), with the
 * current order announced through `aria-sort` on the heading.
 */
export function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: FlatSortKey;
  label: string;
  sort: FlatSort;
  onSort: (key: FlatSortKey) => void;
}) {
  const t = useT();
  const active = sort.key === column;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="sort-button"
        title={t("flats.sortBy", { column: label })}
        onClick={() => onSort(column)}
      >
        {label}
        <span className="sort-button__mark" aria-hidden="true">
          {active ? (sort.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/** The headings of the columns every flat list shares: rooms, area, price, price per m². */
export function FlatFigureHeaders({
  sort,
  onSort,
}: {
  sort: FlatSort;
  onSort: (key: FlatSortKey) => void;
}) {
  const t = useT();
  return (
    <>
      <th scope="col">{t("flat.roomsLabel")}</th>
      <SortHeader column="area" label={t("flat.area")} sort={sort} onSort={onSort} />
      <SortHeader column="price" label={t("flat.price")} sort={sort} onSort={onSort} />
      <SortHeader column="pricePerM2" label={t("flat.perM2")} sort={sort} onSort={onSort} />
    </>
  );
}

/** A flat's rooms, area, price and price per m² as the cells under `FlatFigureHeaders`. */
export function FlatFigures({
  flat,
  currency,
}: {
  flat: { rooms: number; area: number; price: number; pricePerM2: number };
  currency: TCurrency;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const format = useCellFormat();
  return (
    <>
      <td data-label={t("flat.roomsLabel")}>
        {flat.rooms === 0 ? t("flat.studio") : t("flat.rooms", { rooms: flat.rooms })}
      </td>
      <td data-label={t("flat.area")} className="nowrap">
        {t("flat.areaValue", { area: format.area(flat.area) })}
      </td>
      <td data-label={t("flat.price")} className="nowrap">
        {formatMoney(flat.price, currency, locale)}
      </td>
      <td data-label={t("flat.perM2")} className="nowrap">
        {formatMoney(flat.pricePerM2, currency, locale)}
      </td>
    </>
  );
}
