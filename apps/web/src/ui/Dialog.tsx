import { useEffect, useId, useRef, useState } from "react";
import type { ReactNode } from "react";
import { useShellT } from "../i18n";
import { TextAreaField } from "./Field";

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

interface DialogFooterProps {
  confirmLabel: string;
  /** Danger for what destroys or removes; primary for a decision that is not destructive. */
  tone?: "danger" | "primary";
  isBusy?: boolean;
  error?: string | null | undefined;
  onClose: () => void;
  /** Without it the confirm button submits the dialog's form. */
  onConfirm?: () => void;
}

/** The end of every dialog: what went wrong, if anything, then Cancel and the action. */
export function DialogFooter({
  confirmLabel,
  tone = "primary",
  isBusy = false,
  error,
  onClose,
  onConfirm,
}: DialogFooterProps) {
  const t = useShellT();
  return (
    <>
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
          type={onConfirm ? "button" : "submit"}
          className={`button button--${tone}`}
          onClick={onConfirm}
          disabled={isBusy}
        >
          {confirmLabel}
        </button>
      </div>
    </>
  );
}

type ConfirmDialogProps = Omit<DialogFooterProps, "onConfirm"> & {
  title: string;
  body: string;
  onConfirm: () => void;
};

/** "Are you sure?" for destructive actions and decisions worth a second look. */
export function ConfirmDialog({ title, body, tone = "danger", ...footer }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={footer.onClose}>
      <p>{body}</p>
      <DialogFooter tone={tone} {...footer} />
    </Dialog>
  );
}

type TextPromptDialogProps = Omit<DialogFooterProps, "onConfirm"> & {
  title: string;
  /** What the action does, above the field. */
  body?: ReactNode;
  label: string;
  hint?: string;
  isRequired?: boolean;
  maxLength: number;
  /** The field's error for a text (trimmed), or undefined when it may be sent. */
  validate: (text: string) => string | undefined;
  onSubmit: (text: string) => void;
};

/** An action that needs a few words first: a reason, a note for the record. */
export function TextPromptDialog({
  title,
  body,
  label,
  hint,
  isRequired = false,
  maxLength,
  validate,
  onSubmit,
  ...footer
}: TextPromptDialogProps) {
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  return (
    <Dialog title={title} onClose={footer.onClose}>
      {body}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = text.trim();
          const problem = validate(value);
          setFieldError(problem);
          if (problem === undefined) onSubmit(value);
        }}
      >
        <TextAreaField
          label={label}
          hint={hint}
          value={text}
          error={fieldError}
          maxLength={maxLength}
          required={isRequired}
          autoFocus
          onChange={(event) => setText(event.target.value)}
        />
        <DialogFooter {...footer} />
      </form>
    </Dialog>
  );
}
