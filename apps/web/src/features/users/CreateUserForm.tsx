import { ROLE_CODES, ZCreateUserRequest } from "@crm/contracts";
import type { TRoleCode } from "@crm/contracts";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { SelectField, TextField } from "../../ui/Field";
import { Notice } from "../../ui/Status";
import { useCreateUser } from "./user-writes.queries";

const EMPTY = {
  login: "",
  password: "",
  firstName: "",
  lastName: "",
  phone: "",
  role: "SELLER" as TRoleCode,
};

export function CreateUserForm() {
  const t = useT();
  const createUser = useCreateUser();
  const [values, setValues] = useState(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    setCreated(null);
    const parsed = ZCreateUserRequest.safeParse({
      ...values,
      phone: values.phone.trim() === "" ? undefined : values.phone,
    });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setFieldErrors({});
    createUser.mutate(parsed.data, {
      onSuccess: (user) => {
        setValues(EMPTY);
        setCreated(user.login);
      },
      onError: (error) => {
        if (isApiError(error, 400) && error.fieldErrors.length > 0) {
          setFieldErrors(problemFieldErrors(t, error));
        } else if (isApiError(error, 409)) {
          setFieldErrors({ login: t("users.create.conflict") });
        } else {
          setFormError(errorMessage(t, error));
        }
      },
    });
  };

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t("users.create.title")}</h2>
      {created ? <Notice>{t("users.create.done", { login: created })}</Notice> : null}
      {formError ? (
        <div className="alert alert--error" role="alert">
          {formError}
        </div>
      ) : null}
      <form ref={formRef} className="form form--grid" noValidate onSubmit={onSubmit}>
        <TextField
          label={t("users.create.login")}
          name="login"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.login}
          onChange={set("login")}
          error={fieldErrors.login}
          required
        />
        <TextField
          label={t("users.create.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          error={fieldErrors.password}
          hint={t("users.create.passwordHint")}
          required
        />
        <TextField
          label={t("users.create.firstName")}
          name="firstName"
          autoComplete="off"
          value={values.firstName}
          onChange={set("firstName")}
          error={fieldErrors.firstName}
          required
        />
        <TextField
          label={t("users.create.lastName")}
          name="lastName"
          autoComplete="off"
          value={values.lastName}
          onChange={set("lastName")}
          error={fieldErrors.lastName}
        />
        <TextField
          label={t("users.create.phone")}
          name="phone"
          type="tel"
          autoComplete="off"
          value={values.phone}
          onChange={set("phone")}
          error={fieldErrors.phone}
          hint={t("users.create.phoneHint")}
        />
        <SelectField
          label={t("users.create.role")}
          name="role"
          value={values.role}
          onChange={set("role")}
          error={fieldErrors.role}
        >
          {ROLE_CODES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={createUser.isPending}>
            {createUser.isPending ? t("users.create.submitting") : t("users.create.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
