import { z } from "zod";
import { ZContractApproval, ZContractStatus, ZId, ZIdParams, ZIsoDateTime } from "./common";
import { ZTimesheetQuery, TIMESHEET_ROLES } from "./attendance";
import { ZExpenseFilters } from "./expenses";
import { EXPENSE_READERS, ROLES } from "./roles";
import { ZLeadFilters } from "./lead-filters";
import { defineRoute } from "./routes";
import type { TRoleCode } from "./roles";

/** A period of time: `from` inclusive, `to` exclusive (both optional). */
const ZPeriod = z.strictObject({
  from: ZIsoDateTime.optional(),
  to: ZIsoDateTime.optional(),
  complexId: ZId.optional(),
});

/**
 * Every report the CRM exports, declared once: its parameters and who may ask for it (the
 * roles of the page it belongs to). A new report is one entry here and one in the core's
 * report registry (`packages/core/src/exports/reports.ts`); the routes, the job, the files and
 * the "Мои выгрузки" list need nothing else.
 */
export const exportKinds = {
  /** The leads list with its filters; a seller's holds only their own leads. */
  leads: { params: ZLeadFilters, roles: ROLES.staff },
  /** Sales by seller, source and complex for a period. */
  sales: { params: ZPeriod, roles: ["ADMIN", "MOP", "ROP", "SELLER"] },
  /** Contracts with price, discount, paid and outstanding; a seller's: of their own leads. */
  deals: {
    params: z.strictObject({
      status: ZContractStatus.optional(),
      approval: ZContractApproval.optional(),
    }),
    roles: ["ADMIN", "MOP", "SELLER", "ROP", "FINANCIER"],
  },
  /** Money received (receipts not reversed) in a period. */
  payments: { params: ZPeriod, roles: ["ADMIN", "FINANCIER", "MOP", "ROP"] },
  /** Overdue instalments by contract and responsible seller. */
  overdue: { params: z.strictObject({}), roles: ["ADMIN", "FINANCIER", "MOP", "ROP"] },
  /** The шахматка of a complex: a sheet per block, cells coloured by status. */
  grid: { params: z.strictObject({ complexId: ZId }), roles: ROLES.staff },
  /** Expenses with the expense list's filters (voided ones only when asked for). */
  expenses: { params: ZExpenseFilters, roles: EXPENSE_READERS },
  /** A month's timesheet: a line per person and day, and the month's totals per person. */
  attendance: { params: ZTimesheetQuery, roles: TIMESHEET_ROLES },
} as const satisfies Record<string, { params: z.ZodType; roles: readonly TRoleCode[] }>;

export type TExportKind = keyof typeof exportKinds;
export const EXPORT_KINDS = Object.keys(exportKinds) as TExportKind[];
export const ZExportKind = z.enum(EXPORT_KINDS as [TExportKind, ...TExportKind[]]);
export type TExportParams<K extends TExportKind> = z.output<(typeof exportKinds)[K]["params"]>;

export const ZExportFormat = z.enum(["xlsx", "csv"]);
export type TExportFormat = z.infer<typeof ZExportFormat>;
export const EXPORT_STATUSES = ["queued", "running", "ready", "failed", "expired"] as const;
export const ZExportStatus = z.enum(EXPORT_STATUSES);
export type TExportStatus = z.infer<typeof ZExportStatus>;

/** Whether a role may ask for a kind of report. */
export const mayExport = (kind: TExportKind, role: TRoleCode) =>
  (exportKinds[kind].roles as readonly TRoleCode[]).includes(role);

/** One report's request; its parameters may be left out when none are required. */
const variant = <K extends TExportKind>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    format: ZExportFormat.default("xlsx"),
    params: z.preprocess(
      (value) => value ?? {},
      exportKinds[kind].params as (typeof exportKinds)[K]["params"],
    ),
  });

export const ZCreateExportRequest = z.discriminatedUnion("kind", [
  variant("leads"),
  variant("sales"),
  variant("deals"),
  variant("payments"),
  variant("overdue"),
  variant("grid"),
  variant("expenses"),
  variant("attendance"),
]);
export type TCreateExportRequest = z.input<typeof ZCreateExportRequest>;

export const ZExport = z.object({
  id: z.number().int(),
  kind: ZExportKind,
  format: ZExportFormat,
  params: z.record(z.string(), z.unknown()),
  status: ZExportStatus,
  /** 0–100. */
  progress: z.number().int(),
  rows: z.number().int().nullable(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: ZIsoDateTime,
  finishedAt: ZIsoDateTime.nullable(),
  /** The file is removed at this time. */
  expiresAt: ZIsoDateTime.nullable(),
});
export type TExport = z.infer<typeof ZExport>;

/** Generates one export (enqueued when a user asks for it). */
export const ZGenerateExportJob = z.strictObject({ exportId: ZId });
/** Removes the files of expired exports (scheduled). */
export const ZPurgeExportsJob = z.strictObject({});

export const exportRoutes = {
  create: defineRoute({
    method: "post",
    path: "/api/exports",
    summary: "Ask for a report (XLSX or CSV); a job writes it and the list shows its progress",
    tag: "exports",
    access: ROLES.staff,
    body: ZCreateExportRequest,
    status: 202,
    response: ZExport,
  }),
  list: defineRoute({
    method: "get",
    path: "/api/exports",
    summary: "Your recent exports, newest first",
    tag: "exports",
    access: ROLES.staff,
    status: 200,
    response: z.object({ items: z.array(ZExport) }),
  }),
  get: defineRoute({
    method: "get",
    path: "/api/exports/:id",
    summary: "One of your exports: status and progress",
    tag: "exports",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: ZExport,
  }),
  download: defineRoute({
    method: "get",
    path: "/api/exports/:id/file",
    summary: "Download the file of one of your exports (410 once it expired)",
    tag: "exports",
    access: ROLES.staff,
    params: ZIdParams,
    status: 200,
    response: null,
    produces: "application/octet-stream",
    problems: [404, 409, 410],
  }),
};
