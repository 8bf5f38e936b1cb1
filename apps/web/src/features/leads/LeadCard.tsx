import {
  dealRoutes,
  leadPolicy,
  leadRoutes,
  mayCall,
  ZId,
  ZUpdateLeadRequest,
} from "@crm/contracts";
import type { TLead, TLeadFlat, TMe, TUpdateLeadRequest } from "@crm/contracts";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useLanguage, useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage, refusalMessage } from "../../lib/error-message";
import { zodFieldErrors } from "../../lib/form-errors";
import type { FieldErrors } from "../../lib/form-errors";
import { formatDateTime, formatPhone, telegramLink, telLink } from "../../lib/format";
import { ConfirmDialog } from "../../ui/Dialog";
import { useLeadDeal } from "../deals/deals.queries";
import { SelectField } from "../../ui/Field";
import { LoadError, Loading, Notice } from "../../ui/Status";
import { isArchived, LEAD_STATUSES, MANUAL_STATUSES, mayBookFor, policyLead } from "./lead-meta";
import type { LeadStatus } from "./lead-meta";
import { ArchivedBadge, Money, StatusBadge } from "./LeadBits";
import {
  DuplicateNotice,
  LeadForm,
  leadFormValues,
  leadWriteErrors,
  OwnerPicker,
  toLeadFields,
} from "./LeadForm";
import type { LeadFormValues } from "./LeadForm";
import {
  useArchiveLead,
  useComplexOptions,
  useLead,
  useLeadFlats,
  useOwnerOptions,
  useReassignLead,
  useRestoreLead,
} from "./leads.queries";
import { useUpdateLead } from "./lead-writes.queries";
import { LeadTimeline } from "./LeadTimeline";
import { useStatusChange } from "./use-status-change";

/** `/leads/:id`: the lead, its status, quick actions, edits and its history. */
export function LeadCard() {
  const { id } = useParams();
  const leadId = ZId.safeParse(id);
  if (!leadId.success) return <LeadNotFound />;
  // Keyed by id: moving from one lead to another starts with fresh form state.
  return <LeadCardLoader key={leadId.data} leadId={leadId.data} />;
}

function LeadCardLoader({ leadId }: { leadId: number }) {
  const lead = useLead(leadId);
  if (lead.isPending) return <Loading />;
  // A seller asking for someone else's lead gets 404 too: it does not exist for them.
  if (isApiError(lead.error, 404)) return <LeadNotFound />;
  if (lead.isError) return <LoadError error={lead.error} onRetry={() => void lead.refetch()} />;
  return <LeadView lead={lead.data} />;
}

function LeadNotFound() {
  const t = useT();
  useDocumentTitle(t("lead.notFound.title"));
  return (
    <section className="page page--message" aria-labelledby="lead-missing-title">
      <h1 id="lead-missing-title">{t("lead.notFound.title")}</h1>
      <p>{t("lead.notFound.body")}</p>
      <Link className="button button--secondary" to="/leads">
        {t("lead.back")}
      </Link>
    </section>
  );
}

function LeadView({ lead }: { lead: TLead }) {
  const t = useT();
  useDocumentTitle(lead.fullName);
  const user = useCurrentUser();
  const [isEditing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [isArchiving, setArchiving] = useState(false);
  // An archived lead opens read-only (for admins, the only ones who see it) until restored.
  const archived = isArchived(lead);
  const canWork = !archived && leadPolicy.canEdit(user, policyLead(lead));

  return (
    <article className="page lead-card" aria-labelledby="lead-title">
      <header className="page__header">
        <Link to="/leads" className="back-link">
          {t("lead.back")}
        </Link>
        <div className="lead-card__heading">
          <h1 id="lead-title">{lead.fullName}</h1>
          <StatusBadge status={lead.status} />
          <ArchivedBadge lead={lead} />
        </div>
        <p className="muted">
          {t("lead.ownerLine", { name: lead.owner?.name ?? t("lead.noOwner") })}
        </p>
        <div className="quick-actions">
          <a className="button button--primary" href={telLink(lead.phone)}>
            {t("lead.call", { phone: formatPhone(lead.phone) })}
          </a>
          <a
            className="button button--secondary"
            href={telegramLink(lead.phone)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("lead.telegram")}
          </a>
          <LeadDealLink lead={lead} user={user} />
          {mayBookFor(user, lead) ? (
            <Link className="button button--secondary" to={`/leads/${lead.id}/pick-flat`}>
              {t("picker.open")}
            </Link>
          ) : null}
          {canWork && !isEditing ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              {t("lead.edit")}
            </button>
          ) : null}
          {!archived && leadPolicy.canArchive(user, policyLead(lead)) ? (
            <button
              type="button"
              className="button button--danger-outline"
              onClick={() => setArchiving(true)}
            >
              {t("lead.archive")}
            </button>
          ) : null}
        </div>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      {archived ? <ArchivedNotice lead={lead} onRestored={setNotice} /> : null}

      <div className="lead-card__layout">
        <div className="lead-card__main">
          <StatusPanel lead={lead} user={user} canWork={canWork} />
          {isEditing ? (
            <EditLeadPanel
              lead={lead}
              onDone={(saved) => {
                setEditing(false);
                if (saved) setNotice(t("lead.saved"));
              }}
            />
          ) : (
            <LeadDetails lead={lead} />
          )}
          {!archived && leadPolicy.canReassign(user) ? (
            <ReassignPanel lead={lead} onDone={setNotice} />
          ) : null}
        </div>
        <div className="lead-card__side">
          <LeadTimeline lead={lead} />
        </div>
      </div>

      {isArchiving ? <ArchiveLeadDialog lead={lead} onClose={() => setArchiving(false)} /> : null}
    </article>
  );
}

/**
 * The lead's contract when there is one; otherwise, for a booked lead, the way to draw one up
 * (for the roles that may).
 */
function LeadDealLink({ lead, user }: { lead: TLead; user: TMe }) {
  const t = useT();
  const deal = useLeadDeal(lead.id, user.role);
  if (deal === undefined) return null;
  if (deal) {
    return (
      <Link className="button button--secondary" to={`/deals/${deal.id}`}>
        {t("deal.link", { number: deal.number })}
      </Link>
    );
  }
  if (lead.status === "BOOKED" && mayCall(dealRoutes.create, user.role)) {
    return (
      <Link className="button button--primary" to={`/deals/new?leadId=${lead.id}`}>
        {t("deal.make")}
      </Link>
    );
  }
  return null;
}

function StatusPanel({ lead, user, canWork }: { lead: TLead; user: TMe; canWork: boolean }) {
  const t = useT();
  const { changeStatus, dialog, error } = useStatusChange();
  const isChangeable = leadPolicy.canChangeStatus(user, policyLead(lead));
  return (
    <section className="panel" aria-labelledby="lead-status-title">
      <h2 id="lead-status-title">{t("lead.statusTitle")}</h2>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <StatusSteps status={lead.status} />
      {canWork && isChangeable ? (
        <SelectField
          label={t("lead.field.status")}
          value={lead.status}
          onChange={(event) => changeStatus(lead, event.target.value as LeadStatus)}
        >
          {MANUAL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`lead.status.${status}`)}
            </option>
          ))}
        </SelectField>
      ) : canWork ? (
        // BOOKED and SOLD are set by a hold and a signed contract, and undone only through them.
        <div className="lead-card__status-locked">
          <p>
            <strong>{t("lead.field.status")}:</strong> <StatusBadge status={lead.status} />
          </p>
          <p className="field__hint">
            {lead.status === "SOLD" ? t("lead.statusLocked.SOLD") : t("lead.statusLocked.BOOKED")}
          </p>
        </div>
      ) : null}
      {lead.status === "LOST" && lead.lostReason ? (
        <p className="lead-card__lost">
          <strong>{t("lead.field.lostReason")}:</strong> {lead.lostReason}
        </p>
      ) : null}
      {dialog}
    </section>
  );
}

/** The pipeline as steps, the current one marked (LOST sits outside the line). */
function StatusSteps({ status }: { status: LeadStatus }) {
  const t = useT();
  const line: LeadStatus[] = LEAD_STATUSES.filter((item) => item !== "LOST");
  const index = line.indexOf(status);
  return (
    <ol className={status === "LOST" ? "steps steps--lost" : "steps"}>
      {line.map((item, position) => (
        <li
          key={item}
          className={
            position < index
              ? "steps__item steps__item--done"
              : position === index
                ? "steps__item steps__item--current"
                : "steps__item"
          }
          aria-current={position === index ? "step" : undefined}
        >
          {t(`lead.status.${item}`)}
        </li>
      ))}
    </ol>
  );
}

/** A flat by its number and complex, opening it on the complex's шахматка. */
function FlatLink({ flat }: { flat: TLeadFlat }) {
  const t = useT();
  return (
    <Link to={`/complexes/${flat.complexId}/grid?flat=${flat.id}`}>
      {t("dash.holds.flat", { number: flat.number, complex: flat.complexName })}
    </Link>
  );
}

function InterestFlat({ lead }: { lead: TLead }) {
  const flats = useLeadFlats(lead.id);
  if (lead.apartmentId === null) return <>—</>;
  if (flats.data?.interest) return <FlatLink flat={flats.data.interest} />;
  return flats.isPending ? <span aria-busy="true">…</span> : <>—</>;
}

function LeadDetails({ lead }: { lead: TLead }) {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const complexes = useComplexOptions(user.role);
  const complex = complexes.find((item) => item.id === lead.complexId);
  const flats = useLeadFlats(lead.id);
  const held = flats.data?.holds ?? [];
  const heldRow: [string, ReactNode][] =
    held.length === 0
      ? []
      : [
          [
            t("lead.field.held"),
            <span className="inline-actions">
              {held.map((flat) => (
                <span key={flat.id}>
                  <FlatLink flat={flat} />
                  {flat.bookedUntil ? (
                    <span className="muted nowrap">
                      {" "}
                      {t("dash.holds.until", { date: formatDateTime(flat.bookedUntil, locale) })}
                    </span>
                  ) : null}
                </span>
              ))}
            </span>,
          ],
        ];
  const rows: [string, ReactNode][] = [
    [t("lead.field.phone"), <span className="nowrap">{formatPhone(lead.phone)}</span>],
    [t("lead.field.source"), t(`lead.source.${lead.source}`)],
    [t("lead.field.region"), lead.region ?? "—"],
    [t("lead.field.budget"), <Money minor={lead.budget} currency={lead.budgetCurrency} />],
    [
      t("lead.field.complex"),
      lead.complexId === null ? "—" : (complex?.name ?? `#${lead.complexId}`),
    ],
    [t("lead.field.flat"), <InterestFlat lead={lead} />],
    ...heldRow,
    [t("lead.field.createdAt"), formatDateTime(lead.createdAt, locale)],
    [t("lead.field.statusChangedAt"), formatDateTime(lead.statusChangedAt, locale)],
    [t("lead.field.updatedAt"), formatDateTime(lead.updatedAt, locale)],
  ];
  return (
    <section className="panel" aria-labelledby="lead-details-title">
      <h2 id="lead-details-title">{t("lead.details")}</h2>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label} className="details__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {lead.note ? (
        <>
          <h3 className="details__note-title">{t("lead.field.note")}</h3>
          <p className="details__note">{lead.note}</p>
        </>
      ) : null}
    </section>
  );
}

/** Only changed fields are sent, so the history records what really changed. */
function changedFields(
  initial: LeadFormValues,
  values: LeadFormValues,
  fields: ReturnType<typeof toLeadFields>["fields"],
): TUpdateLeadRequest {
  const patch: Record<string, unknown> = {};
  if (values.fullName !== initial.fullName) patch.fullName = fields.fullName;
  if (values.phone !== initial.phone) patch.phone = fields.phone;
  if (values.region !== initial.region) patch.region = fields.region;
  if (values.source !== initial.source) patch.source = fields.source;
  if (values.note !== initial.note) patch.note = fields.note;
  if (values.budget !== initial.budget || values.budgetCurrency !== initial.budgetCurrency) {
    patch.budget = fields.budget;
    patch.budgetCurrency = fields.budgetCurrency;
  }
  if (values.complexId !== initial.complexId) patch.complexId = fields.complexId;
  if (values.apartmentId !== initial.apartmentId) patch.apartmentId = fields.apartmentId;
  return patch as TUpdateLeadRequest;
}

function EditLeadPanel({ lead, onDone }: { lead: TLead; onDone: (saved: boolean) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const updateLead = useUpdateLead();
  const complexes = useComplexOptions(user.role);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const initial = leadFormValues(lead);

  return (
    <section className="panel" aria-labelledby="lead-edit-title">
      <h2 id="lead-edit-title">{t("lead.editTitle")}</h2>
      <LeadForm
        initial={initial}
        submitLabel={t("lead.save")}
        submittingLabel={t("lead.saving")}
        isPending={updateLead.isPending}
        fieldErrors={fieldErrors}
        complexes={complexes}
        showPlacement
        banner={
          <>
            <DuplicateNotice error={updateLead.error} />
            {formError ? (
              <p className="alert alert--error" role="alert">
                {formError}
              </p>
            ) : null}
          </>
        }
        onCancel={() => onDone(false)}
        onSubmit={(values) => {
          setFormError(null);
          updateLead.reset();
          const { fields, errors } = toLeadFields(t, values);
          const patch = changedFields(initial, values, fields);
          if (Object.keys(patch).length === 0 && Object.keys(errors).length === 0) {
            onDone(false);
            return;
          }
          const parsed = ZUpdateLeadRequest.safeParse(patch);
          const clientErrors = parsed.success
            ? errors
            : { ...zodFieldErrors(t, parsed.error), ...errors };
          setFieldErrors(clientErrors);
          if (!parsed.success || Object.keys(clientErrors).length > 0) return;
          updateLead.mutate(
            { lead, patch: parsed.data },
            {
              onSuccess: () => onDone(true),
              onError: (error) => {
                const result = leadWriteErrors(t, error);
                setFieldErrors(result.fieldErrors);
                setFormError(result.formError);
              },
            },
          );
        }}
      />
    </section>
  );
}

function ReassignPanel({ lead, onDone }: { lead: TLead; onDone: (notice: string) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const owners = useOwnerOptions(user.role);
  const reassign = useReassignLead();
  const [ownerId, setOwnerId] = useState("");
  const [error, setError] = useState<string | undefined>();

  return (
    <section className="panel" aria-labelledby="lead-reassign-title">
      <h2 id="lead-reassign-title">{t("reassign.title")}</h2>
      <form
        className="form form--inline"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const id = ZId.safeParse(ownerId);
          if (!id.success) return setError(t("owner.required"));
          setError(undefined);
          reassign.mutate(
            { id: lead.id, ownerId: id.data },
            {
              onSuccess: (updated) => {
                setOwnerId("");
                onDone(t("reassign.done", { name: updated.owner?.name ?? `#${id.data}` }));
              },
              onError: (failure) =>
                setError(isApiError(failure, 409) ? t("owner.invalid") : errorMessage(t, failure)),
            },
          );
        }}
      >
        <OwnerPicker
          me={user}
          label={t("reassign.to")}
          options={owners}
          excludeId={lead.owner?.id}
          value={ownerId}
          onChange={setOwnerId}
          error={error}
          allowNone={false}
        />
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={reassign.isPending}>
            {t("reassign.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The API's reasons for keeping a lead out of the archive, in the user's language. */
const ARCHIVE_REFUSALS = {
  "This lead has a contract or payments": "lead.archive.kept",
} as const;

function ArchiveLeadDialog({ lead, onClose }: { lead: TLead; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const archive = useArchiveLead();
  return (
    <ConfirmDialog
      title={t("lead.archiveTitle")}
      body={t("lead.archiveBody", { name: lead.fullName })}
      confirmLabel={t("lead.archiveConfirm")}
      isBusy={archive.isPending}
      error={archive.error ? refusalMessage(t, archive.error, ARCHIVE_REFUSALS) : null}
      onClose={onClose}
      onConfirm={() =>
        archive.mutate(lead.id, {
          onSuccess: () => void navigate("/leads", { replace: true }),
        })
      }
    />
  );
}

/** An archived lead: since when, and (for admins) the way back. */
function ArchivedNotice({
  lead,
  onRestored,
}: {
  lead: TLead;
  onRestored: (notice: string) => void;
}) {
  const t = useT();
  const { locale } = useLanguage();
  const user = useCurrentUser();
  const restore = useRestoreLead();
  return (
    <div className="alert alert--warning lead-card__archived">
      <p>
        {t("lead.archivedNotice", {
          date: lead.archivedAt ? formatDateTime(lead.archivedAt, locale) : "—",
        })}
      </p>
      {restore.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(t, restore.error)}
        </p>
      ) : null}
      {mayCall(leadRoutes.restore, user.role) ? (
        <button
          type="button"
          className="button button--primary"
          disabled={restore.isPending}
          // The promise, not a per-call callback: restoring unmounts this notice, and React Query
          // skips the callbacks of a mutate whose component is gone. A failure shows above.
          onClick={() =>
            restore.mutateAsync(lead.id).then(
              () => onRestored(t("lead.restored")),
              () => undefined,
            )
          }
        >
          {t("lead.restore")}
        </button>
      ) : null}
    </div>
  );
}
