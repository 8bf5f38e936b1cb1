import { ZCreateLeadRequest, leadPolicy } from "@crm/contracts";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useT } from "../../i18n";
import { zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import {
  DuplicateNotice,
  EMPTY_LEAD_VALUES,
  LeadForm,
  leadWriteErrors,
  OwnerPicker,
  toLeadFields,
} from "./LeadForm";
import { useCreateLead } from "./lead-writes.queries";
import { useComplexOptions, useOwnerOptions } from "./leads.queries";

export function NewLeadPage() {
  const t = useT();
  useDocumentTitle(t("leadNew.title"));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const createLead = useCreateLead();
  const owners = useOwnerOptions(user.role);
  const complexes = useComplexOptions(user.role);
  const [ownerId, setOwnerId] = useState(user.role === "MOP" ? String(user.id) : "");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const canAssign = leadPolicy.canReassign(user);

  return (
    <section className="page page--narrow" aria-labelledby="new-lead-title">
      <header className="page__header">
        <Link to="/leads" className="back-link">
          {t("lead.back")}
        </Link>
        <h1 id="new-lead-title">{t("leadNew.title")}</h1>
      </header>
      <div className="panel">
        <LeadForm
          initial={EMPTY_LEAD_VALUES}
          submitLabel={t("leadNew.submit")}
          submittingLabel={t("leadNew.submitting")}
          isPending={createLead.isPending}
          fieldErrors={fieldErrors}
          complexes={complexes}
          showPlacement={false}
          banner={
            <>
              <DuplicateNotice error={createLead.error} />
              {formError ? (
                <p className="alert alert--error" role="alert">
                  {formError}
                </p>
              ) : null}
            </>
          }
          extra={
            canAssign ? (
              <OwnerPicker
                me={user}
                label={t("lead.field.owner")}
                options={owners}
                value={ownerId}
                onChange={setOwnerId}
                error={fieldErrors.ownerId}
                allowNone
              />
            ) : null
          }
          onSubmit={(values) => {
            setFormError(null);
            createLead.reset();
            const { fields, errors } = toLeadFields(t, values);
            const parsed = ZCreateLeadRequest.safeParse({
              fullName: fields.fullName,
              phone: fields.phone,
              source: fields.source,
              ...(fields.region ? { region: fields.region } : {}),
              ...(fields.note ? { note: fields.note } : {}),
              ...(fields.budget !== null
                ? { budget: fields.budget, budgetCurrency: fields.budgetCurrency }
                : {}),
              ...(canAssign && ownerId ? { ownerId: Number(ownerId) } : {}),
            });
            const clientErrors = parsed.success
              ? errors
              : { ...zodFieldErrors(t, parsed.error), ...errors };
            setFieldErrors(clientErrors);
            if (!parsed.success || Object.keys(clientErrors).length > 0) return;
            // Send what was typed: the server normalises the phone the same way.
            createLead.mutate(
              { ...parsed.data, phone: fields.phone },
              {
                onSuccess: (lead) => void navigate(`/leads/${lead.id}`),
                onError: (error) => {
                  const result = leadWriteErrors(t, error);
                  setFieldErrors(result.fieldErrors);
                  setFormError(result.formError);
                },
              },
            );
          }}
        />
      </div>
    </section>
  );
}
