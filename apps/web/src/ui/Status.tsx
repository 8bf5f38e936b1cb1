import type { ReactNode } from "react";
import { useShellT } from "../i18n";
import { errorMessage } from "../lib/error-message";

export function Loading() {
  const t = useShellT();
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

/** A failed load, with a retry button when the caller can retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useShellT();
  const message = errorMessage(t, error);
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="alert alert--success" role="status">
      {children}
    </p>
  );
}
