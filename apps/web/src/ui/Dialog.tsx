import { useEffect, useId, useRef } from "react";
import type { ReactNode } from "react";
import { useT } from "../i18n";

interface DialogProps {
  title: string;
  /** Called on Escape and by the caller's own cancel buttons. */
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal built on `<dialog>`: the browser traps focus, makes the page inert, closes on Escape
 * and gives focus back to the opener. Mounted means open, so each opening starts fresh.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Let React decide: the parent unmounts the dialog, which closes it.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  /** Danger for what destroys or removes; primary for a decision that is not destructive. */
  tone?: "danger" | "primary";
  isBusy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" for destructive actions and decisions worth a second look. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  tone = "danger",
  isBusy = false,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("app.cancel")}
        </button>
        <button
          type="button"
          className={`button button--${tone}`}
          onClick={onConfirm}
          disabled={isBusy}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
