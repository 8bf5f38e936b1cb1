import {
  holdPolicy,
  leadPolicy,
  MANUAL_LEAD_STATUSES,
  ZLeadSource,
  ZLeadStatus,
  ZManualLeadStatus,
} from "@crm/contracts";
import type { PolicyUser, TLead } from "@crm/contracts";
import type { z } from "zod";

export type LeadStatus = z.infer<typeof ZLeadStatus>;
export type LeadSource = z.infer<typeof ZLeadSource>;

/** Pipeline order: the board's columns and every status list. */
export const LEAD_STATUSES: readonly LeadStatus[] = ZLeadStatus.options;
export const LEAD_SOURCES: readonly LeadSource[] = ZLeadSource.options;

export type ManualLeadStatus = z.infer<typeof ZManualLeadStatus>;

/** Statuses a person may pick; BOOKED and SOLD follow from a hold and a signed contract. */
export const MANUAL_STATUSES: readonly ManualLeadStatus[] = MANUAL_LEAD_STATUSES;

export function isManualStatus(value: unknown): value is ManualLeadStatus {
  return ZManualLeadStatus.safeParse(value).success;
}

/**
 * An archived lead is a record to read, not to work on: the API answers 404 to any change
 * (edit, status, comment, callback) until an admin restores it.
 */
export const isArchived = (lead: Pick<TLead, "archivedAt">) => lead.archivedAt !== null;

export function isLeadStatus(value: unknown): value is LeadStatus {
  return ZLeadStatus.safeParse(value).success;
}

export function isLeadSource(value: unknown): value is LeadSource {
  return ZLeadSource.safeParse(value).success;
}

/** A lead as the access policy reads it (who owns it, where it stands). */
export const policyLead = (lead: Pick<TLead, "owner" | "status">) => ({
  ownerId: lead.owner?.id ?? null,
  status: lead.status,
});

/**
 * Whether the user may pick and book a flat for the lead: a role that books, a lead they work
 * on, not archived and still open (the API refuses holds for sold and lost leads).
 */
export const mayBookFor = (user: PolicyUser, lead: TLead) =>
  holdPolicy.canBook(user) &&
  !isArchived(lead) &&
  leadPolicy.canEdit(user, policyLead(lead)) &&
  lead.status !== "SOLD" &&
  lead.status !== "LOST";

/** Regions as the team writes them; the filter matches the stored text exactly. */
export const REGION_SUGGESTIONS = [
  "Ташкент",
  "Ташкентская обл.",
  "Самарканд",
  "Бухара",
  "Андижан",
  "Фергана",
  "Наманган",
  "Навои",
  "Кашкадарья",
  "Сурхандарья",
  "Джизак",
  "Сырдарья",
  "Хорезм",
  "Каракалпакстан",
] as const;
