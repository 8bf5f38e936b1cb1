import { ZCurrency, ZId } from "@crm/contracts";
import type { TCurrency, TFlatSearchItem, TLead } from "@crm/contracts";
import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { formatNumber, moneyInputValue, parseMoneyInput } from "../../lib/format";
import { AmountInput } from "../../ui/AmountInput";
import { SelectField, TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { mayBookFor } from "../leads/lead-meta";
import { useLead } from "../leads/leads.queries";
import { FlatFigureHeaders, FlatFigures, SortHeader, useFlatSort } from "./flat-table";
import { holdErrorMessage } from "./hold-errors";
import { useBookForLead, useFlatSearch } from "./inventory.queries";
import type { FlatSearchQuery } from "./inventory.queries";
import "./inventory.css";

const ROOM_OPTIONS = [0, 1, 2, 3, 4, 5] as const;

/** What the URL holds: rooms, the budget in minor units with its currency, the smallest area. */
interface Criteria {
  rooms?: number;
  priceMax?: number;
  /** None: flats in every currency (a price bound needs one). */
  currency?: TCurrency;
  areaMin?: number;
}

const CRITERIA_NAMES = ["rooms", "priceMax", "currency", "areaMin"] as const;

function wholeNumber(value: string | null, max: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= max ? number : undefined;
}

/** The search from the URL once someone searched; before that, the lead's budget. */
function readCriteria(params: URLSearchParams, lead: TLead): Criteria {
  if (!CRITERIA_NAMES.some((name) => params.has(name))) {
    return lead.budget === null
      ? {}
      : { currency: lead.budgetCurrency ?? "UZS", priceMax: lead.budget };
  }
  const currency = ZCurrency.safeParse(params.get("currency"));
  const criteria: Criteria = currency.success ? { currency: currency.data } : {};
  const rooms = wholeNumber(params.get("rooms"), 20);
  if (rooms !== undefined && Number.isInteger(rooms)) criteria.rooms = rooms;
  const priceMax = wholeNumber(params.get("priceMax"), Number.MAX_SAFE_INTEGER);
  if (priceMax !== undefined && Number.isInteger(priceMax) && criteria.currency) {
    criteria.priceMax = priceMax;
  }
  const areaMin = wholeNumber(params.get("areaMin"), 10_000);
  if (areaMin !== undefined) criteria.areaMin = areaMin;
  return criteria;
}

/** `/leads/:id/pick-flat`: free flats of every complex for a lead's budget, booked from here. */
export function FlatPickerPage() {
  const { id } = useParams();
  const leadId = ZId.safeParse(id);
  const t = useT();
  if (!leadId.success) {
    return (
      <section className="page page--message">
        <h1>{t("app.error.notFound")}</h1>
      </section>
    );
  }
  return <PickerLoader key={leadId.data} leadId={leadId.data} />;
}

function PickerLoader({ leadId }: { leadId: number }) {
  const t = useT();
  const lead = useLead(leadId);
  useDocumentTitle(
    lead.data ? t("picker.title", { name: lead.data.fullName }) : t("picker.heading"),
  );
  if (lead.isPending) return <Loading />;
  if (isApiError(lead.error, 404)) {
    return (
      <section className="page page--message">
        <h1>{t("app.error.notFound")}</h1>
        <Link className="button button--secondary" to="/leads">
          {t("lead.back")}
        </Link>
      </section>
    );
  }
  if (lead.isError) return <LoadError error={lead.error} onRetry={() => void lead.refetch()} />;
  return <PickerView lead={lead.data} />;
}

function PickerView({ lead }: { lead: TLead }) {
  const t = useT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params, lead);
  const query: FlatSearchQuery = useMemo(() => {
    const next: FlatSearchQuery = {};
    if (criteria.currency !== undefined) next.currency = criteria.currency;
    if (criteria.rooms !== undefined) next.rooms = criteria.rooms;
    if (criteria.priceMax !== undefined) next.priceMax = criteria.priceMax;
    if (criteria.areaMin !== undefined) next.areaMin = criteria.areaMin;
    return next;
  }, [criteria.currency, criteria.rooms, criteria.priceMax, criteria.areaMin]);
  const mayBook = mayBookFor(user, lead);

  return (
    <section className="page page--wide flat-picker" aria-labelledby="picker-title">
      <header className="page__header">
        <Link to={`/leads/${lead.id}`} className="back-link">
          {t("picker.backToLead")}
        </Link>
        <h1 id="picker-title">{t("picker.title", { name: lead.fullName })}</h1>
        <p className="muted">{t("picker.subtitle")}</p>
      </header>
      <CriteriaForm
        key={params.toString()}
        criteria={criteria}
        onSearch={(next) =>
          setParams(
            Object.fromEntries(
              Object.entries(next)
                .filter(([, value]) => value !== undefined)
                .map(([name, value]) => [name, String(value)]),
            ),
            { replace: true },
          )
        }
      />
      {mayBook ? null : <p className="alert alert--warning">{t("picker.closed")}</p>}
      <Results lead={lead} query={query} mayBook={mayBook} />
    </section>
  );
}

function CriteriaForm({
  criteria,
  onSearch,
}: {
  criteria: Criteria;
  onSearch: (criteria: Criteria) => void;
}) {
  const t = useT();
  const [rooms, setRooms] = useState(criteria.rooms === undefined ? "" : String(criteria.rooms));
  const [price, setPrice] = useState(moneyInputValue(criteria.priceMax ?? null));
  const [currency, setCurrency] = useState(criteria.currency ?? "");
  const [area, setArea] = useState(criteria.areaMin === undefined ? "" : String(criteria.areaMin));
  const priceMax = price.trim() === "" ? undefined : parseMoneyInput(price);
  const areaText = area.trim().replace(",", ".");
  const areaMin = areaText === "" ? undefined : Number(areaText);
  const areaValid = areaMin === undefined || (Number.isFinite(areaMin) && areaMin >= 0);
  const currencyValue = ZCurrency.safeParse(currency);
  const currencyMissing = priceMax !== undefined && priceMax !== null && !currencyValue.success;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (priceMax === null || !areaValid || currencyMissing) return;
    onSearch({
      currency: currencyValue.success ? currencyValue.data : undefined,
      rooms: rooms === "" ? undefined : Number(rooms),
      priceMax,
      areaMin,
    });
  };

  return (
    <form
      className="panel flat-picker__form"
      role="search"
      aria-label={t("picker.filters")}
      onSubmit={submit}
    >
      <SelectField
        label={t("grid.filter.rooms")}
        value={rooms}
        onChange={(event) => setRooms(event.target.value)}
      >
        <option value="">{t("grid.filter.any")}</option>
        {ROOM_OPTIONS.map((value) => (
          <option key={value} value={value}>
            {value === 0 ? t("flat.studio") : t("flat.rooms", { rooms: value })}
          </option>
        ))}
      </SelectField>
      <AmountInput
        label={t("grid.filter.priceMax")}
        value={price}
        error={priceMax === null ? t("validation.invalid") : undefined}
        onChange={(event) => setPrice(event.target.value)}
      />
      <SelectField
        label={t("picker.currency")}
        value={currency}
        error={currencyMissing ? t("picker.currencyNeeded") : undefined}
        onChange={(event) => setCurrency(event.target.value)}
      >
        <option value="">{t("grid.filter.any")}</option>
        {ZCurrency.options.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("grid.filter.areaMin")}
        value={area}
        inputMode="decimal"
        autoComplete="off"
        error={areaValid ? undefined : t("validation.invalid")}
        onChange={(event) => setArea(event.target.value)}
      />
      <button type="submit" className="button button--primary">
        {t("picker.search")}
      </button>
    </form>
  );
}

function Results({
  lead,
  query,
  mayBook,
}: {
  lead: TLead;
  query: FlatSearchQuery;
  mayBook: boolean;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const search = useFlatSearch(query);
  const book = useBookForLead(lead.id);
  const flats = useMemo(
    () => search.data?.pages.flatMap((page) => page.items) ?? [],
    [search.data],
  );
  const { sorted, sort, onSort } = useFlatSort<TFlatSearchItem>(flats);

  if (search.isPending) return <Loading />;
  if (search.isError) {
    return <LoadError error={search.error} onRetry={() => void search.refetch()} />;
  }
  return (
    <section className="flat-picker__results" aria-labelledby="picker-results-title">
      <h2 id="picker-results-title">{t("picker.results")}</h2>
      <p className="muted" role="status">
        {search.hasNextPage
          ? t("picker.countMore", { count: formatNumber(flats.length, locale) })
          : t("picker.count", { count: formatNumber(flats.length, locale) })}
      </p>
      {book.isError ? (
        <p className="alert alert--error" role="alert">
          {holdErrorMessage(t, book.error, "picker.bookConflict")}
        </p>
      ) : null}
      {flats.length === 0 ? (
        <p className="empty-state">{t("picker.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards flat-table">
            <thead>
              <tr>
                <th scope="col">{t("picker.complex")}</th>
                <th scope="col">{t("flat.block")}</th>
                <SortHeader column="floor" label={t("flat.floor")} sort={sort} onSort={onSort} />
                <th scope="col">{t("flat.number")}</th>
                <FlatFigureHeaders sort={sort} onSort={onSort} />
                {mayBook ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("picker.book")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((flat) => (
                <tr key={flat.id} data-flat-id={flat.id}>
                  <td data-label={t("picker.complex")}>
                    <Link to={`/complexes/${flat.complexId}/grid?flat=${flat.id}`}>
                      {flat.complexName}
                    </Link>
                  </td>
                  <td data-label={t("flat.block")}>{flat.block}</td>
                  <td data-label={t("flat.floor")}>{flat.floor}</td>
                  <td data-label={t("flat.number")}>{flat.number}</td>
                  <FlatFigures flat={flat} currency={flat.currency} />
                  {mayBook ? (
                    <td>
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={book.isPending}
                        onClick={() =>
                          book.mutate(flat.id, {
                            onSuccess: () => void navigate(`/leads/${lead.id}`),
                          })
                        }
                      >
                        {book.isPending && book.variables === flat.id
                          ? t("picker.booking")
                          : t("picker.book")}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {search.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {t("picker.more")}
        </button>
      ) : null}
    </section>
  );
}
