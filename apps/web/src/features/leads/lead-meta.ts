import { ZLeadSource, ZLeadStatus } from "@crm/contracts";
import type { TLead, TRoleCode } from "@crm/contracts";
import type { z } from "zod";

export type LeadStatus = z.infer<typeof ZLeadStatus>;
export type LeadSource = z.infer<typeof ZLeadSource>;

/** Pipeline order: the board's columns and every status list. */
export const LEAD_STATUSES: readonly LeadStatus[] = ZLeadStatus.options;
export const LEAD_SOURCES: readonly LeadSource[] = ZLeadSource.options;

export function isLeadStatus(value: unknown): value is LeadStatus {
  return ZLeadStatus.safeParse(value).success;
}

export function isLeadSource(value: unknown): value is LeadSource {
  return ZLeadSource.safeParse(value).success;
}

/** Who may change leads (the API answers 403 to ROP and FINANCIER). */
export const canWorkWithLeads = (role: TRoleCode) =>
  role === "SELLER" || role === "MOP" || role === "ADMIN";

/** Sales managers and admins see everyone's leads and hand them over. */
export const isManager = (role: TRoleCode) => role === "MOP" || role === "ADMIN";

/** A sale is final: only an admin may move a sold lead (the API answers 409 otherwise). */
export const canChangeStatus = (role: TRoleCode, lead: Pick<TLead, "status">) =>
  canWorkWithLeads(role) && (lead.status !== "SOLD" || role === "ADMIN");

/** Deleting is for the lead's owner or an admin; a sales manager reassigns instead. */
export const canDelete = (user: { id: number; role: TRoleCode }, lead: Pick<TLead, "owner">) =>
  user.role === "ADMIN" || (canWorkWithLeads(user.role) && lead.owner?.id === user.id);

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
