import type { TLead } from "@crm/contracts";
import { useCallback, useState } from "react";
import type { Translate } from "../../i18n";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { ConfirmDialog } from "../../ui/Dialog";
import { isManualStatus, type LeadStatus, type ManualLeadStatus } from "./lead-meta";
import { useUpdateLead } from "./lead-writes.queries";
import { LostReasonDialog } from "./LostReasonDialog";

function statusErrorMessage(t: Translate, error: unknown, lead: TLead): string {
  const reason =
    isApiError(error, 409) && lead.status === "SOLD"
      ? t("status.error.sold")
      : isApiError(error, 409) && lead.status === "BOOKED"
        ? t("status.error.booked")
        : isApiError(error, 400) && error.fieldErrors.some((item) => item.path === "lostReason")
          ? t("status.error.lostReason")
          : errorMessage(t, error);
  return t("status.error", { name: lead.fullName, reason });
}

/**
 * Changing a lead's status from the board or the card: optimistic, rolled back with a message
 * on failure. LOST first asks for the reason, and taking a lead out of LOST asks whether to
 * bring it back to work: both are decisions about a client, not a slip of the mouse.
 */
export function useStatusChange() {
  const t = useT();
  const updateLead = useUpdateLead();
  const [losing, setLosing] = useState<TLead | null>(null);
  const [reopening, setReopening] = useState<{ lead: TLead; status: ManualLeadStatus } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);

  const send = useCallback(
    (lead: TLead, status: ManualLeadStatus, lostReason?: string) => {
      setError(null);
      // mutateAsync: each move reports its own failure, even when several are in flight.
      updateLead
        .mutateAsync({ lead, patch: lostReason ? { status, lostReason } : { status } })
        .catch((failure: unknown) => setError(statusErrorMessage(t, failure, lead)));
    },
    [t, updateLead],
  );

  const changeStatus = useCallback(
    (lead: TLead, status: LeadStatus) => {
      // BOOKED and SOLD follow from a hold and a contract; nobody picks them.
      if (status === lead.status || !isManualStatus(status)) return;
      if (status === "LOST") setLosing(lead);
      else if (lead.status === "LOST") setReopening({ lead, status });
      else send(lead, status);
    },
    [send],
  );

  const dialog = losing ? (
    <LostReasonDialog
      leadName={losing.fullName}
      onClose={() => setLosing(null)}
      onSubmit={(reason) => {
        send(losing, "LOST", reason);
        setLosing(null);
      }}
    />
  ) : reopening ? (
    <ConfirmDialog
      title={t("reopen.title")}
      body={t("reopen.body", {
        name: reopening.lead.fullName,
        status: t(`lead.status.${reopening.status}`),
      })}
      confirmLabel={t("reopen.confirm")}
      tone="primary"
      onClose={() => setReopening(null)}
      onConfirm={() => {
        send(reopening.lead, reopening.status);
        setReopening(null);
      }}
    />
  ) : null;

  return { changeStatus, dialog, error, clearError: () => setError(null) };
}
