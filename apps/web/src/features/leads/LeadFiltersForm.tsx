import { LEAD_SORTS, leadPolicy, ZCurrency } from "@crm/contracts";
import type { TCurrency } from "@crm/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useT } from "../../i18n";
import { moneyInputValue, parseMoneyInput } from "../../lib/format";
import { AmountInput } from "../../ui/AmountInput";
import { SelectField, TextField } from "../../ui/Field";
import { ARCHIVED_FILTERS, hasActiveFilters, useLeadSearchParams } from "./lead-filters";
import { LEAD_SOURCES, LEAD_STATUSES, REGION_SUGGESTIONS } from "./lead-meta";
import { useComplexOptions, useOwnerOptions } from "./leads.queries";
import { SavedFilters } from "./SavedFilters";

const SEARCH_DEBOUNCE_MS = 300;

/** The filter bar shared by the table and the board; every value lives in the URL. */
export function LeadFiltersForm({ showSort }: { showSort: boolean }) {
  const t = useT();
  const user = useCurrentUser();
  const { filters, sort, setParams, clearFilters } = useLeadSearchParams();
  const owners = useOwnerOptions(user.role);
  const complexes = useComplexOptions(user.role);
  const [isOpen, setOpen] = useState(false);
  const panelId = useId();
  const regionListId = useId();

  // Typing updates the URL (and so the query) once the user pauses.
  const [search, setSearch] = useState(filters.q ?? "");
  const lastSent = useRef(filters.q ?? "");
  useEffect(() => {
    // Back/forward or "clear filters" changed the URL under the input: follow it.
    if ((filters.q ?? "") !== lastSent.current) {
      lastSent.current = filters.q ?? "";
      setSearch(filters.q ?? "");
    }
  }, [filters.q]);
  useEffect(() => {
    const value = search.trim();
    if (value === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = value;
      setParams({ q: value });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, setParams]);

  const statuses = new Set(filters.status ?? []);
  const toggleStatus = (status: string) => {
    const next = LEAD_STATUSES.filter((item) =>
      item === status ? !statuses.has(item) : statuses.has(item),
    );
    setParams({ status: next });
  };
  const activeCount = Object.keys(filters).filter((name) => name !== "q").length;
  const showOwner = user.role !== "SELLER";

  return (
    <>
      <form
        className="lead-filters"
        role="search"
        aria-label={t("leads.filters")}
        onSubmit={(event) => {
          event.preventDefault();
          lastSent.current = search.trim();
          setParams({ q: search.trim() });
        }}
      >
        <div className="lead-filters__top">
          <TextField
            label={t("leads.search")}
            type="search"
            placeholder={t("leads.searchPlaceholder")}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button
            type="button"
            className="button button--secondary lead-filters__toggle"
            aria-expanded={isOpen}
            aria-controls={panelId}
            onClick={() => setOpen((open) => !open)}
          >
            {activeCount > 0
              ? t("leads.filtersToggleCount", { count: activeCount })
              : t("leads.filtersToggle")}
          </button>
        </div>

        {filters.idleDays ? (
          <p className="lead-filters__idle">
            <span className="badge badge--muted">
              {t("dash.stuck", { days: filters.idleDays })}
            </span>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setParams({ idleDays: undefined })}
            >
              {t("leads.idle.clear")}
            </button>
          </p>
        ) : null}
        <div
          id={panelId}
          className={
            isOpen ? "lead-filters__panel lead-filters__panel--open" : "lead-filters__panel"
          }
        >
          <fieldset className="chips">
            <legend>{t("leads.filter.status")}</legend>
            {LEAD_STATUSES.map((status) => (
              <label key={status} className="chip">
                <input
                  type="checkbox"
                  checked={statuses.has(status)}
                  onChange={() => toggleStatus(status)}
                />
                <span>{t(`lead.status.${status}`)}</span>
              </label>
            ))}
          </fieldset>

          <div className="lead-filters__grid">
            <SelectField
              label={t("leads.filter.source")}
              value={filters.source ?? ""}
              onChange={(event) => setParams({ source: event.target.value })}
            >
              <option value="">{t("leads.filter.any")}</option>
              {LEAD_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`lead.source.${source}`)}
                </option>
              ))}
            </SelectField>

            {showOwner ? (
              <SelectField
                label={t("leads.filter.owner")}
                value={filters.ownerId === undefined ? "" : String(filters.ownerId)}
                onChange={(event) => setParams({ ownerId: event.target.value })}
              >
                <option value="">{t("leads.filter.anyone")}</option>
                <option value="none">{t("leads.filter.noOwner")}</option>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
                {typeof filters.ownerId === "number" &&
                !owners.some((owner) => owner.id === filters.ownerId) ? (
                  <option value={filters.ownerId}>#{filters.ownerId}</option>
                ) : null}
              </SelectField>
            ) : null}

            {complexes.length > 0 ? (
              <SelectField
                label={t("leads.filter.complex")}
                value={filters.complexId === undefined ? "" : String(filters.complexId)}
                onChange={(event) => setParams({ complexId: event.target.value })}
              >
                <option value="">{t("leads.filter.any")}</option>
                {complexes.map((complex) => (
                  <option key={complex.id} value={complex.id}>
                    {complex.name}
                  </option>
                ))}
              </SelectField>
            ) : null}

            {leadPolicy.seesArchived(user) ? (
              <SelectField
                label={t("leads.filter.archived")}
                value={filters.archived ?? ""}
                onChange={(event) => setParams({ archived: event.target.value })}
              >
                <option value="">{t("leads.filter.archived.exclude")}</option>
                {ARCHIVED_FILTERS.map((value) => (
                  <option key={value} value={value}>
                    {t(`leads.filter.archived.${value}`)}
                  </option>
                ))}
              </SelectField>
            ) : null}

            <RegionFilter
              key={filters.region ?? ""}
              listId={regionListId}
              value={filters.region ?? ""}
              onCommit={(region) => setParams({ region })}
            />

            <BudgetFilter
              key={`${filters.budgetMin ?? ""}-${filters.budgetMax ?? ""}`}
              min={filters.budgetMin}
              max={filters.budgetMax}
              currency={filters.budgetCurrency ?? "UZS"}
              onCommit={(patch) => setParams(patch)}
            />

            <TextField
              label={t("leads.filter.from")}
              type="date"
              value={filters.from ?? ""}
              max={filters.to}
              onChange={(event) => setParams({ from: event.target.value })}
            />
            <TextField
              label={t("leads.filter.to")}
              type="date"
              value={filters.to ?? ""}
              min={filters.from}
              onChange={(event) => setParams({ to: event.target.value })}
            />

            {showSort ? (
              <>
                <SelectField
                  label={t("leads.sort")}
                  value={sort.sort}
                  onChange={(event) => setParams({ sort: event.target.value })}
                >
                  {LEAD_SORTS.map((name) => (
                    <option key={name} value={name}>
                      {t(`leads.sort.${name}`)}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={t("leads.order")}
                  value={sort.order}
                  onChange={(event) => setParams({ order: event.target.value })}
                >
                  <option value="desc">
                    {sort.sort === "fullName" ? t("leads.order.za") : t("leads.order.newest")}
                  </option>
                  <option value="asc">
                    {sort.sort === "fullName" ? t("leads.order.az") : t("leads.order.oldest")}
                  </option>
                </SelectField>
              </>
            ) : null}
          </div>

          {hasActiveFilters(filters) ? (
            <button
              type="button"
              className="button button--secondary button--small lead-filters__clear"
              onClick={() => {
                lastSent.current = "";
                setSearch("");
                clearFilters();
              }}
            >
              {t("leads.filter.clear")}
            </button>
          ) : null}
        </div>
        <datalist id={regionListId}>
          {REGION_SUGGESTIONS.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
      </form>
      <SavedFilters />
    </>
  );
}

/** Region is matched exactly, so it is applied on blur or Enter, not on every keystroke. */
function RegionFilter({
  listId,
  value,
  onCommit,
}: {
  listId: string;
  value: string;
  onCommit: (region: string) => void;
}) {
  const t = useT();
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <TextField
      label={t("leads.filter.region")}
      list={listId}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        // Picking a suggestion from the list should apply at once.
        if ((REGION_SUGGESTIONS as readonly string[]).includes(event.target.value)) {
          onCommit(event.target.value);
        }
      }}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          commit();
        }
      }}
    />
  );
}

type BudgetPatch = Partial<Record<"budgetMin" | "budgetMax" | "budgetCurrency", string>>;

/**
 * Budget from/to in the chosen currency, typed in сум or dollars (the URL keeps them so, the
 * API gets minor units). Like the region, a bound applies on blur or Enter, not per keystroke.
 */
function BudgetFilter({
  min,
  max,
  currency,
  onCommit,
}: {
  min: number | undefined;
  max: number | undefined;
  currency: TCurrency;
  onCommit: (patch: BudgetPatch) => void;
}) {
  const t = useT();
  const initial = (value: number | undefined) =>
    value === undefined ? "" : moneyInputValue(Math.round(value * 100));
  const [texts, setTexts] = useState({ budgetMin: initial(min), budgetMax: initial(max) });
  const [invalid, setInvalid] = useState<Set<keyof typeof texts>>(new Set());

  const commit = (name: keyof typeof texts) => {
    const minor = parseMoneyInput(texts[name]);
    const isValid = !Number.isNaN(minor);
    setInvalid((current) => {
      const next = new Set(current);
      if (isValid) next.delete(name);
      else next.add(name);
      return next;
    });
    if (!isValid) return;
    const value = minor === null ? "" : String(minor / 100);
    const before = name === "budgetMin" ? min : max;
    if (value === (before === undefined ? "" : String(before))) return;
    // A bound is read in the shown currency, so the currency goes into the URL with it.
    onCommit(value ? { [name]: value, budgetCurrency: currency } : { [name]: "" });
  };
  const bound = (name: keyof typeof texts, label: string) => (
    <AmountInput
      label={label}
      value={texts[name]}
      error={invalid.has(name) ? t("leads.filter.budgetInvalid") : undefined}
      onChange={(event) => setTexts((current) => ({ ...current, [name]: event.target.value }))}
      onBlur={() => commit(name)}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          commit(name);
        }
      }}
    />
  );
  return (
    <>
      {bound("budgetMin", t("leads.filter.budgetMin"))}
      {bound("budgetMax", t("leads.filter.budgetMax"))}
      <SelectField
        label={t("leads.filter.budgetCurrency")}
        value={currency}
        onChange={(event) => onCommit({ budgetCurrency: event.target.value })}
      >
        {ZCurrency.options.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
    </>
  );
}
