import { useSearchParams } from "react-router";
import type { ChangeEvent } from "react";
import { useT } from "../../i18n";
import { SelectField, TextField } from "../../ui/Field";
import { useComplexes } from "../inventory/inventory.queries";
import { LEAD_SOURCES } from "../leads/lead-meta";
import { useCategories } from "./expenses.queries";

type OnChange = (event: { target: { value: string } }) => void;

/** Filters kept in the URL: read one, or set one (an empty value removes it). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = (name: string) => params.get(name) ?? "";
  const setParam =
    (name: string): OnChange =>
    (event) => {
      const next = new URLSearchParams(params);
      if (event.target.value) next.set(name, event.target.value);
      else next.delete(name);
      setParams(next, { replace: true });
    };
  return { params, get, setParam };
}

interface SelectProps {
  label: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  /** The first option, with an empty value ("all", "none"). */
  emptyLabel: string;
  error?: string | undefined;
}

export function ComplexSelect({ emptyLabel, ...select }: SelectProps) {
  const complexes = useComplexes();
  return (
    <SelectField {...select}>
      <option value="">{emptyLabel}</option>
      {(complexes.data?.items ?? []).map((complex) => (
        <option key={complex.id} value={complex.id}>
          {complex.name}
        </option>
      ))}
    </SelectField>
  );
}

/** Categories; deactivated ones only when `activeOnly` is off (filters) or it is the current one. */
export function CategorySelect({
  emptyLabel,
  activeOnly = false,
  keepId,
  ...select
}: SelectProps & { activeOnly?: boolean; keepId?: number }) {
  const categories = useCategories();
  return (
    <SelectField {...select}>
      <option value="">{emptyLabel}</option>
      {(categories.data?.items ?? [])
        .filter((category) => !activeOnly || category.isActive || category.id === keepId)
        .map((category) => (
          <option key={category.id} value={category.id}>
            {category.name}
          </option>
        ))}
    </SelectField>
  );
}

export function CurrencySelect({
  emptyLabel,
  ...select
}: Omit<SelectProps, "emptyLabel"> & { emptyLabel?: string }) {
  return (
    <SelectField {...select}>
      {emptyLabel ? <option value="">{emptyLabel}</option> : null}
      <option value="UZS">UZS</option>
      <option value="USD">USD</option>
    </SelectField>
  );
}

/** From–to fields of a period (days or months) and, optionally, the currency to convert to. */
export function PeriodFields({
  type,
  from,
  to,
  onFrom,
  onTo,
  convertTo,
  onConvertTo,
}: {
  type: "date" | "month";
  from: string;
  to: string;
  onFrom: OnChange;
  onTo: OnChange;
  convertTo?: string;
  onConvertTo?: OnChange;
}) {
  const t = useT();
  return (
    <>
      <TextField label={t("expenses.field.from")} type={type} value={from} onChange={onFrom} />
      <TextField label={t("expenses.field.to")} type={type} value={to} onChange={onTo} />
      {onConvertTo ? (
        <CurrencySelect
          label={t("expenses.field.convertTo")}
          value={convertTo ?? ""}
          onChange={onConvertTo}
          emptyLabel={t("expenses.noConversion")}
        />
      ) : null}
    </>
  );
}

export function SourceSelect({ emptyLabel, ...select }: SelectProps) {
  const t = useT();
  return (
    <SelectField {...select}>
      <option value="">{emptyLabel}</option>
      {LEAD_SOURCES.map((source) => (
        <option key={source} value={source}>
          {t(`lead.source.${source}`)}
        </option>
      ))}
    </SelectField>
  );
}
