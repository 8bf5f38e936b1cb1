import { useId, useState } from "react";
import type { ChangeEvent, KeyboardEvent } from "react";
import { useT } from "../../i18n";
import { parseMoneyInput } from "../../lib/format";
import { AmountInput } from "../../ui/AmountInput";
import { SelectField, TextField } from "../../ui/Field";
import { FLAT_STATUSES } from "./flat-meta";
import type { GridFilters } from "./grid-filters";

const ROOM_OPTIONS = [0, 1, 2, 3, 4, 5] as const;

interface GridFiltersFormProps {
  filters: GridFilters;
  setParams: (patch: Record<string, string | number | null | undefined>) => void;
  onClear: () => void;
}

/** Rooms, status, price and area; every value lives in the URL so a selection can be shared. */
export function GridFiltersForm({ filters, setParams, onClear }: GridFiltersFormProps) {
  const t = useT();
  const panelId = useId();
  const [isOpen, setOpen] = useState(false);
  const activeCount = Object.keys(filters).length;
  const isFiltered = activeCount > 0;
  return (
    <form
      className={isOpen ? "grid-filters grid-filters--open" : "grid-filters"}
      role="search"
      aria-label={t("grid.filters")}
      onSubmit={(event) => event.preventDefault()}
    >
      {/* Phones: the fields fold behind a toggle so the grid stays near the top. */}
      <button
        type="button"
        className="button button--secondary grid-filters__toggle"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
      >
        {isFiltered
          ? t("grid.filtersToggleCount", { count: activeCount })
          : t("grid.filtersToggle")}
      </button>
      <div id={panelId} className="grid-filters__fields">
        <SelectField
          label={t("grid.filter.rooms")}
          value={filters.rooms === undefined ? "" : String(filters.rooms)}
          onChange={(event) => setParams({ rooms: event.target.value })}
        >
          <option value="">{t("grid.filter.any")}</option>
          {ROOM_OPTIONS.map((rooms) => (
            <option key={rooms} value={rooms}>
              {rooms === 0 ? t("flat.studio") : t("flat.rooms", { rooms })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("grid.filter.status")}
          value={filters.status ?? ""}
          onChange={(event) => setParams({ status: event.target.value })}
        >
          <option value="">{t("grid.filter.any")}</option>
          {FLAT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`flat.status.${status}`)}
            </option>
          ))}
        </SelectField>
        <NumberFilter
          key={`priceMin:${filters.priceMin ?? ""}`}
          label={t("grid.filter.priceMin")}
          money
          value={filters.priceMin}
          onCommit={(value) => setParams({ priceMin: value })}
        />
        <NumberFilter
          key={`priceMax:${filters.priceMax ?? ""}`}
          label={t("grid.filter.priceMax")}
          money
          value={filters.priceMax}
          onCommit={(value) => setParams({ priceMax: value })}
        />
        <NumberFilter
          key={`areaMin:${filters.areaMin ?? ""}`}
          label={t("grid.filter.areaMin")}
          value={filters.areaMin}
          onCommit={(value) => setParams({ areaMin: value })}
        />
        <NumberFilter
          key={`areaMax:${filters.areaMax ?? ""}`}
          label={t("grid.filter.areaMax")}
          value={filters.areaMax}
          onCommit={(value) => setParams({ areaMax: value })}
        />
        {isFiltered ? (
          <button
            type="button"
            className="button button--secondary grid-filters__clear"
            onClick={onClear}
          >
            {t("grid.filter.clear")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Applied on blur or Enter, not on every keystroke (each change is a request). */
function NumberFilter({
  label,
  value,
  onCommit,
  money = false,
}: {
  label: string;
  value: number | undefined;
  onCommit: (value: string | null) => void;
  /** An amount in whole currency units: typed and pasted like every money field. */
  money?: boolean;
}) {
  const t = useT();
  const initial = value === undefined ? "" : String(value);
  const [text, setText] = useState(initial);
  const minor = money ? parseMoneyInput(text) : null;
  const parsed = money
    ? minor === null
      ? ""
      : String(minor / 100)
    : text
        .trim()
        .replace(/[\s\u00a0]/g, "")
        .replace(",", ".");
  const isValid = parsed === "" || (Number.isFinite(Number(parsed)) && Number(parsed) >= 0);
  const commit = () => {
    if (!isValid || parsed === initial) return;
    onCommit(parsed === "" ? null : parsed);
  };
  const field = {
    label,
    value: text,
    error: isValid ? undefined : t("validation.invalid"),
    onChange: (event: ChangeEvent<HTMLInputElement>) => setText(event.target.value),
    onBlur: commit,
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === "Enter") {
        event.preventDefault();
        commit();
      }
    },
  };
  return money ? (
    <AmountInput {...field} />
  ) : (
    <TextField {...field} inputMode="decimal" autoComplete="off" />
  );
}
