import { leadPolicy } from "@crm/contracts";
import type { TBulkLeadOutcome, TBulkLeadRequest, TLead } from "@crm/contracts";
import { useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useT } from "../../i18n";
import type { Translate } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { SelectField } from "../../ui/Field";
import { ExportControl } from "../exports/ExportControl";
import type { ApiLeadFilters } from "./lead-filters";
import { MANUAL_STATUSES } from "./lead-meta";
import type { ManualLeadStatus } from "./lead-meta";
import { useAssignableUsers, useBulkLeads } from "./leads.queries";
import { LostReasonDialog } from "./LostReasonDialog";

/** What a refused lead's problem means, in the user's language (the API's texts are English). */
function refusalReason(t: Translate, outcome: Extract<TBulkLeadOutcome, { ok: false }>): string {
  const detail = outcome.detail ?? "";
  if (outcome.code === "NOT_FOUND") return t("bulk.reason.notFound");
  if (detail.startsWith("The lead holds a flat")) return t("bulk.reason.booked");
  if (detail.startsWith("The lead is sold")) return t("bulk.reason.sold");
  if (detail.startsWith("The lead changed meanwhile")) return t("bulk.reason.stale");
  return t("bulk.reason.other", { title: outcome.title });
}

interface Report {
  done: number;
  refused: { id: number; name: string; reason: string }[];
}

/**
 * Actions on the leads ticked in the table: give them to someone, move them to a status, export
 * them. Each lead goes through the same rules as on its card; the ones refused are listed with
 * the reason.
 */
export function BulkBar({
  selected,
  filters,
  onClear,
}: {
  selected: TLead[];
  filters: ApiLeadFilters;
  onClear: () => void;
}) {
  const t = useT();
  const user = useCurrentUser();
  const assignable = useAssignableUsers(user.role);
  const bulk = useBulkLeads();
  const [ownerId, setOwnerId] = useState("");
  const [status, setStatus] = useState<ManualLeadStatus | "">("");
  const [askReason, setAskReason] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const ids = selected.map((lead) => lead.id);

  const run = (body: TBulkLeadRequest) => {
    const names = new Map(selected.map((lead) => [lead.id, lead.fullName]));
    setReport(null);
    bulk.mutate(body, {
      onSuccess: (result) => {
        setReport({
          done: result.done,
          refused: result.results.flatMap((outcome) =>
            outcome.ok
              ? []
              : [
                  {
                    id: outcome.id,
                    name: names.get(outcome.id) ?? `#${outcome.id}`,
                    reason: refusalReason(t, outcome),
                  },
                ],
          ),
        });
        onClear();
      },
    });
  };

  const changeStatus = (lostReason?: string) => {
    if (!status) return;
    run({ action: "status", ids, status, ...(lostReason ? { lostReason } : {}) });
  };

  return (
    <>
      {selected.length > 0 ? (
        <section className="bulk-bar" aria-label={t("bulk.title")}>
          <p className="bulk-bar__count">
            <strong>{t("bulk.selected", { count: selected.length })}</strong>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onClear}
            >
              {t("bulk.clear")}
            </button>
          </p>
          {leadPolicy.canReassign(user) ? (
            <div className="bulk-bar__action">
              <SelectField
                label={t("bulk.owner")}
                value={ownerId}
                onChange={(event) => setOwnerId(event.target.value)}
              >
                <option value="">{t("bulk.ownerPick")}</option>
                {(assignable.data?.items ?? []).map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="button button--primary"
                disabled={!ownerId || bulk.isPending}
                onClick={() => run({ action: "reassign", ids, ownerId: Number(ownerId) })}
              >
                {t("bulk.reassign")}
              </button>
            </div>
          ) : null}
          {leadPolicy.canWork(user) ? (
            <div className="bulk-bar__action">
              <SelectField
                label={t("bulk.status")}
                value={status}
                onChange={(event) => setStatus(event.target.value as ManualLeadStatus | "")}
              >
                <option value="">{t("bulk.statusPick")}</option>
                {MANUAL_STATUSES.map((item) => (
                  <option key={item} value={item}>
                    {t(`lead.status.${item}`)}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="button button--primary"
                disabled={!status || bulk.isPending}
                onClick={() => (status === "LOST" ? setAskReason(true) : changeStatus())}
              >
                {t("bulk.applyStatus")}
              </button>
            </div>
          ) : null}
          <div className="bulk-bar__export" role="group" aria-label={t("bulk.export")}>
            <span className="muted">{t("bulk.export")}</span>
            <ExportControl request={{ kind: "leads", params: { ...filters, ids } }} />
          </div>
          {bulk.isPending ? (
            <p className="muted" role="status">
              {t("bulk.working")}
            </p>
          ) : null}
        </section>
      ) : null}
      {bulk.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, bulk.error)}
        </p>
      ) : null}
      {report ? (
        <div
          className={report.refused.length ? "alert alert--warning" : "alert alert--success"}
          role="status"
        >
          <p>{t("bulk.result", { done: report.done, refused: report.refused.length })}</p>
          {report.refused.length ? (
            <ul className="bulk-bar__refused">
              {report.refused.map((item) => (
                <li key={item.id}>
                  {t("bulk.refusedItem", { name: item.name, reason: item.reason })}
                </li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setReport(null)}
          >
            {t("app.dismiss")}
          </button>
        </div>
      ) : null}
      {askReason ? (
        <LostReasonDialog
          leadName={t("bulk.lostName", { count: selected.length })}
          onClose={() => setAskReason(false)}
          onSubmit={(reason) => {
            setAskReason(false);
            changeStatus(reason);
          }}
        />
      ) : null}
    </>
  );
}
