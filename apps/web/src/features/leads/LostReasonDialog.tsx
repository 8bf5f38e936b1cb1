import { useT } from "../../i18n";
import { TextPromptDialog } from "../../ui/Dialog";

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
  return (
    <TextPromptDialog
      title={t("lost.title", { name: leadName })}
      label={t("lost.reason")}
      hint={t("lost.hint")}
      isRequired
      maxLength={MAX_REASON}
      validate={(reason) =>
        !reason
          ? t("validation.required")
          : reason.length > MAX_REASON
            ? t("validation.tooLong", { max: MAX_REASON })
            : undefined
      }
      confirmLabel={t("lost.submit")}
      onClose={onClose}
      onSubmit={onSubmit}
    />
  );
}
