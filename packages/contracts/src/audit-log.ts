import { z } from "zod";
import { cursorOf, optionalText, ZId, ZIsoDateTime } from "./common";
import { ROLES } from "./roles";
import { AUDIT_ACTIONS, auditEvents, type TAuditAction } from "./audit";
import { defineRoute } from "./routes";

/** The record types the log names (from the declared events). */
export const AUDIT_ENTITIES = [
  ...new Set(AUDIT_ACTIONS.map((action) => auditEvents[action].entity)),
] as [string, ...string[]];
export const ZAuditEntity = z.enum(AUDIT_ENTITIES);

/** Filters of the audit log browser and its export; the period is [from, to). */
export const ZAuditFilters = z.strictObject({
  /** A user's id, or "system" for changes made by jobs and the bot. */
  actorId: z.union([z.literal("system"), ZId]).optional(),
  action: z.enum(AUDIT_ACTIONS as [TAuditAction, ...TAuditAction[]]).optional(),
  entity: ZAuditEntity.optional(),
  entityId: optionalText(64).optional(),
  from: ZIsoDateTime.optional(),
  to: ZIsoDateTime.optional(),
});
export type TAuditFilters = z.output<typeof ZAuditFilters>;

export const ZAuditLogQuery = ZAuditFilters.extend({
  cursor: cursorOf(ZId).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZAuditEntry = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  actor: z.object({ id: z.number().int(), name: z.string(), login: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** Parsed JSON of the changed fields (null when the event keeps none). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const auditLogRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/audit",
    summary: "The audit log, newest first: filter by user, action, record and period",
    tag: "audit",
    access: ROLES.admin,
    query: ZAuditLogQuery,
    status: 200,
    response: z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() }),
  }),
  export: defineRoute({
    method: "get",
    path: "/api/audit/export",
    summary: "The filtered audit log as CSV (UTF-8, semicolons), newest first",
    tag: "audit",
    access: ROLES.admin,
    query: ZAuditFilters,
    status: 200,
    response: null,
    produces: "text/csv",
  }),
};
