import { useState } from "react";
import { useT } from "../../i18n";
import { Dialog } from "../../ui/Dialog";
import { TextAreaField } from "../../ui/Field";

const MAX_REASON = 500;

/** A lost lead needs a reason (the API refuses LOST without one). */
export function LostReasonDialog({
  leadName,
  onSubmit,
  onClose,
}: {
  leadName: string;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();

  return (
    <Dialog title={t("lost.title", { name: leadName })} onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = reason.trim();
          if (!value) return setError(t("validation.required"));
          if (value.length > MAX_REASON)
            return setError(t("validation.tooLong", { max: MAX_REASON }));
          onSubmit(value);
        }}
      >
        <TextAreaField
          label={t("lost.reason")}
          hint={t("lost.hint")}
          value={reason}
          error={error}
          maxLength={MAX_REASON}
          autoFocus
          required
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="button button--primary">
            {t("lost.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
