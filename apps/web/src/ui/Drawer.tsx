import { useEffect, useId, useRef } from "react";
import type { ReactNode } from "react";
import { useShellT } from "../i18n";
import "./drawer.css";

interface DrawerProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A side panel over the page, built on a modal `<dialog>` like `Dialog`: focus is trapped, the
 * page is inert, Escape and a click on the backdrop close it, focus returns to the opener.
 * Mounted means open.
 */
export function Drawer({ title, onClose, children }: DrawerProps) {
  const t = useShellT();
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
      className="drawer"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // The panel fills the dialog box, so a click on the dialog itself is on the backdrop.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="drawer__panel">
        <header className="drawer__header">
          <h2 id={titleId} className="drawer__title">
            {title}
          </h2>
          <button
            type="button"
            className="button button--secondary button--small drawer__close"
            onClick={onClose}
          >
            {t("app.dismiss")}
          </button>
        </header>
        <div className="drawer__body">{children}</div>
      </div>
    </dialog>
  );
}
