import { ZLoginRequest } from "@crm/contracts/auth";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { LanguageSwitch } from "../../app/LanguageSwitch";
import { useDocumentTitle, useShellT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { problemFieldErrors, zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { TextField } from "../../ui/Field";
import { useLogin, useMe } from "./auth.queries";
import { safeNextPath } from "./safe-next";

export function LoginPage() {
  const t = useShellT();
  useDocumentTitle(t("login.title"));
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const me = useMe();
  const login = useLogin();

  const [values, setValues] = useState({ login: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  if (me.data) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = ZLoginRequest.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (error) => {
        if (isApiError(error, 401)) {
          setFormError(t("login.invalidCredentials"));
        } else if (isApiError(error, 429)) {
          setFormError(
            error.retryAfterSeconds
              ? t("login.rateLimitedFor", { seconds: error.retryAfterSeconds })
              : t("login.rateLimited"),
          );
        } else if (isApiError(error, 400) && error.fieldErrors.length > 0) {
          setFieldErrors(problemFieldErrors(t, error));
        } else if (isApiError(error)) {
          setFormError(t("app.error.generic"));
        } else {
          setFormError(t("app.error.network"));
        }
      },
    });
  };

  return (
    <div className="auth-page">
      <div className="auth-page__lang">
        <LanguageSwitch />
      </div>
      <main className="auth-card" id="main">
        <p className="auth-card__brand">{t("app.name")}</p>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.subtitle")}</p>
        {formError ? (
          <div className="alert alert--error" role="alert">
            {formError}
          </div>
        ) : null}
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <TextField
            label={t("login.login")}
            name="login"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={values.login}
            onChange={(event) => setValues({ ...values, login: event.target.value })}
            error={fieldErrors.login}
            required
          />
          <TextField
            label={t("login.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            value={values.password}
            onChange={(event) => setValues({ ...values, password: event.target.value })}
            error={fieldErrors.password}
            required
          />
          <button type="submit" className="button button--primary" disabled={login.isPending}>
            {login.isPending ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
