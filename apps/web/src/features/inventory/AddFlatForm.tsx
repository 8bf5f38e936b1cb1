import { ZCreateFlatRequest } from "@crm/contracts";
import type { TCurrency } from "@crm/contracts";
import { useState } from "react";
import type { FormEvent } from "react";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { parseMoneyInput } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";
import { AmountInput } from "../../ui/AmountInput";
import { Notice } from "../../ui/Status";
import { useCreateFlat } from "./inventory.queries";

const EMPTY = {
  block: "",
  section: "",
  floor: "",
  number: "",
  rooms: "",
  area: "",
  price: "",
  status: "FREE",
};

/** ADMIN: add one flat to the complex; the block and status stay for the next one. */
export function AddFlatForm({ complexId, currency }: { complexId: number; currency: TCurrency }) {
  const t = useT();
  const create = useCreateFlat(complexId);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const price = parseMoneyInput(values.price);
    const input = ZCreateFlatRequest.safeParse({
      block: values.block,
      section: values.section,
      floor: values.floor.trim() === "" ? undefined : Number(values.floor),
      number: values.number,
      rooms: values.rooms.trim() === "" ? undefined : Number(values.rooms),
      area: values.area.trim() === "" ? undefined : Number(values.area.replace(",", ".")),
      price: price === null || Number.isNaN(price) ? undefined : price,
      status: values.status,
    });
    if (!input.success) {
      const found = zodFieldErrors(t, input.error);
      if (found.price && values.price.trim() !== "") found.price = t("validation.money");
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(input.data, {
      onSuccess: (flat) => {
        setValues((current) => ({ ...EMPTY, block: current.block, status: current.status }));
        setNotice(t("flat.add.done", { number: flat.number }));
      },
      onError: (error) => {
        if (isApiError(error, 409)) setErrors({ number: t("flat.add.conflict") });
        else if (isApiError(error, 400)) setErrors(problemFieldErrors(t, error));
      },
    });
  };

  return (
    <details className="panel add-flat">
      <summary>{t("flat.add.title")}</summary>
      {notice ? <Notice>{notice}</Notice> : null}
      <form className="form form--grid" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("flat.block")}
          value={values.block}
          onChange={set("block")}
          error={errors.block}
        />
        <TextField
          label={t("flat.section")}
          value={values.section}
          onChange={set("section")}
          error={errors.section}
        />
        <TextField
          label={t("flat.floor")}
          type="number"
          value={values.floor}
          onChange={set("floor")}
          error={errors.floor}
        />
        <TextField
          label={t("flat.number")}
          value={values.number}
          onChange={set("number")}
          error={errors.number}
        />
        <TextField
          label={t("flat.roomsLabel")}
          type="number"
          min={0}
          value={values.rooms}
          onChange={set("rooms")}
          error={errors.rooms}
        />
        <TextField
          label={t("flat.areaLabel")}
          inputMode="decimal"
          value={values.area}
          onChange={set("area")}
          error={errors.area}
        />
        <AmountInput
          label={t("flat.price.new", { currency })}
          value={values.price}
          onChange={set("price")}
          error={errors.price}
        />
        <SelectField label={t("flat.statusLabel")} value={values.status} onChange={set("status")}>
          <option value="FREE">{t("flat.status.FREE")}</option>
          <option value="UNAVAILABLE">{t("flat.status.UNAVAILABLE")}</option>
        </SelectField>
        {create.isError && !isApiError(create.error, 409) && !isApiError(create.error, 400) ? (
          <p className="alert alert--error form__wide" role="alert">
            {errorMessage(t, create.error)}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t("flat.add.submit")}
          </button>
        </div>
      </form>
    </details>
  );
}
