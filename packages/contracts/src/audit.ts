import { z } from "zod";
import { ZImportMapping } from "./import";
import { ZComplex, ZFlat } from "./inventory";
import { ZLead } from "./leads";
import { ZComplexMedia } from "./media";
import { ZUser } from "./users";
import {
  ZApartmentStatus,
  ZContractApproval,
  ZContractStatus,
  ZCurrency,
  ZLeadSource,
  ZLeadStatus,
  ZPaymentMethod,
  ZPaymentStatus,
  ZRoleCode,
} from "./common";

/**
 * Every action the audit log records: the record type it concerns and the shape of what is
 * kept before and after the change. The one writer (`audit` in @crm/core) accepts only these,
 * so the log can be read back, filtered and described without guessing. Values are stored as
 * JSON: money in minor units as numbers, times as ISO strings.
 */
const id = z.number().int();
const money = z.number().int();
const iso = z.string();

/** Why a lead's status moved without a person choosing it. */
export const ZStatusCause = z.enum([
  "booked",
  "hold-ended",
  "queue-offer",
  "contract-signed",
  "contract-cancelled",
  "repeat-request",
  "archived",
]);
export type TStatusCause = z.infer<typeof ZStatusCause>;

const leadFieldValues = ZLead.pick({
  fullName: true,
  phone: true,
  region: true,
  source: true,
  complexId: true,
  apartmentId: true,
  budget: true,
  budgetCurrency: true,
  note: true,
}).partial();

const complexFieldValues = ZComplex.omit({ id: true, flats: true, createdAt: true }).partial();

const complexMedia = ZComplexMedia.pick({ id: true, kind: true, rooms: true, url: true });

const flatFieldValues = ZFlat.pick({
  block: true,
  section: true,
  floor: true,
  number: true,
  rooms: true,
  area: true,
  price: true,
  currency: true,
  status: true,
}).partial();

const importSourceValues = z.object({
  spreadsheetId: z.string().nullable(),
  worksheet: z.string().nullable(),
  headerRow: z.number().int(),
  syncEnabled: z.boolean(),
});

const userFieldValues = ZUser.pick({
  firstName: true,
  lastName: true,
  phone: true,
  role: true,
  isActive: true,
  telegramChatId: true,
}).partial();

const owner = z.object({ ownerId: id.nullable(), ownerName: z.string().nullable() });
const hold = z.object({
  status: ZApartmentStatus,
  bookedLeadId: id.nullable(),
  bookedUntil: iso.nullable(),
});
const holdEnded = z.object({ status: ZApartmentStatus, bookedLeadId: id.nullable() });

const category = z.object({ name: z.string(), isActive: z.boolean() });
const expenseValues = z.object({
  categoryId: id,
  amount: money,
  currency: ZCurrency,
  spentOn: z.string(),
  complexId: id.nullable(),
  source: ZLeadSource.nullable(),
  note: z.string().nullable(),
});
const attachment = z.object({ name: z.string(), type: z.string(), size: z.number().int() });
const budgetValues = z.object({
  categoryId: id,
  month: z.string(),
  complexId: id.nullable(),
  planned: money,
  currency: ZCurrency,
});
const attendanceTimes = z.object({
  checkIn: iso,
  checkOut: iso.nullable(),
  lateMinutes: z.number().int(),
});

interface AuditEventDef {
  entity:
    | "Lead"
    | "Complex"
    | "Apartment"
    | "Contract"
    | "Payment"
    | "User"
    | "PrizeDraw"
    | "Setting"
    | "ExpenseCategory"
    | "Expense"
    | "Budget"
    | "CurrencyRate"
    | "Attendance"
    | "Export"
    | "Instagram";
  before?: z.ZodType;
  after?: z.ZodType;
}

export const auditEvents = {
  "lead.create": {
    entity: "Lead",
    after: z.object({
      status: ZLeadStatus,
      ownerId: id.nullable(),
      source: ZLeadSource,
      complexId: id.nullable(),
    }),
  },
  "lead.status": {
    entity: "Lead",
    before: z.object({ status: ZLeadStatus, lostReason: z.string().nullable().optional() }),
    after: z.object({
      status: ZLeadStatus,
      lostReason: z.string().optional(),
      cause: ZStatusCause.optional(),
    }),
  },
  "lead.update": { entity: "Lead", before: leadFieldValues, after: leadFieldValues },
  "lead.owner": { entity: "Lead", before: owner, after: owner },
  "lead.archive": {
    entity: "Lead",
    before: z.object({ status: ZLeadStatus }),
    after: z.object({ archivedAt: iso }),
  },
  "lead.restore": {
    entity: "Lead",
    before: z.object({ archivedAt: iso }),
    after: z.object({ status: ZLeadStatus, cause: ZStatusCause.optional() }),
  },
  "complex.create": { entity: "Complex", after: complexFieldValues },
  "complex.update": { entity: "Complex", before: complexFieldValues, after: complexFieldValues },
  "complex.media_add": { entity: "Complex", after: complexMedia },
  "complex.media_remove": { entity: "Complex", before: complexMedia },
  "apartment.create": { entity: "Apartment", after: flatFieldValues },
  "apartment.update": { entity: "Apartment", before: flatFieldValues, after: flatFieldValues },
  "apartment.price": {
    entity: "Apartment",
    before: z.object({ price: money, currency: ZCurrency }),
    after: z.object({ price: money, currency: ZCurrency }),
  },
  "apartment.book": { entity: "Apartment", after: z.object({ leadId: id, bookedUntil: iso }) },
  "apartment.prolong": {
    entity: "Apartment",
    before: z.object({ bookedUntil: iso.nullable() }),
    after: z.object({ bookedUntil: iso }),
  },
  "apartment.release": { entity: "Apartment", before: hold, after: holdEnded },
  "apartment.expire": { entity: "Apartment", before: hold, after: holdEnded },
  "apartment.cancel": { entity: "Apartment", before: hold, after: holdEnded },
  "apartment.offer": { entity: "Apartment", after: z.object({ leadId: id, bookedUntil: iso }) },
  "apartment.queue.join": { entity: "Apartment", after: z.object({ leadId: id }) },
  "apartment.queue.leave": { entity: "Apartment", before: z.object({ leadId: id }) },
  "apartment.sell": { entity: "Apartment", after: z.object({ leadId: id, contractId: id }) },
  "contract.create": {
    entity: "Contract",
    after: z.object({
      approval: ZContractApproval,
      listPrice: money,
      number: z.string(),
      leadId: id,
      apartmentId: id,
      price: money,
      currency: ZCurrency,
      downPayment: money,
      months: z.number().int(),
    }),
  },
  "contract.approve": {
    entity: "Contract",
    before: z.object({ approval: ZContractApproval }),
    after: z.object({ approval: ZContractApproval, note: z.string().nullable() }),
  },
  "contract.reject": {
    entity: "Contract",
    before: z.object({ approval: ZContractApproval }),
    after: z.object({ approval: ZContractApproval, note: z.string() }),
  },
  "contract.sign": {
    entity: "Contract",
    before: z.object({ status: ZContractStatus }),
    after: z.object({ status: ZContractStatus }),
  },
  "contract.cancel": {
    entity: "Contract",
    before: z.object({ status: ZContractStatus }),
    after: z.object({ status: ZContractStatus, droppedPayments: z.number().int() }),
  },
  "payment.record": {
    entity: "Payment",
    before: z.object({ paidAmount: money, status: ZPaymentStatus }),
    after: z.object({
      paidAmount: money,
      received: money,
      method: ZPaymentMethod,
      receiptId: id,
    }),
  },
  "payment.reverse": {
    entity: "Payment",
    before: z.object({ paidAmount: money, status: ZPaymentStatus }),
    after: z.object({
      paidAmount: money,
      status: ZPaymentStatus,
      receiptId: id,
      reversed: money,
      reason: z.string(),
    }),
  },
  "payment.overdue": {
    entity: "Payment",
    before: z.object({ status: ZPaymentStatus }),
    after: z.object({ status: ZPaymentStatus }),
  },
  "import.link": {
    entity: "Complex",
    before: importSourceValues.nullable(),
    after: importSourceValues,
  },
  "import.unlink": { entity: "Complex", before: importSourceValues },
  "import.mapping": {
    entity: "Complex",
    before: z.object({ mapping: ZImportMapping }),
    after: z.object({ mapping: ZImportMapping }),
  },
  "import.apply": {
    entity: "Complex",
    after: z.object({
      runId: id,
      dryRunId: id.nullable(),
      source: z.string(),
      created: z.number().int(),
      updated: z.number().int(),
    }),
  },
  "user.create": { entity: "User", after: z.object({ login: z.string(), role: ZRoleCode }) },
  "user.update": { entity: "User", before: userFieldValues, after: userFieldValues },
  "user.password_reset": { entity: "User" },
  "user.telegram_link": { entity: "User", after: z.object({ telegramChatId: z.string() }) },
  "user.telegram_unlink": {
    entity: "User",
    before: z.object({ telegramChatId: z.string() }),
    after: z.object({ via: z.enum(["app", "bot"]) }),
  },
  "user.absence": {
    entity: "User",
    after: z.object({ absenceId: id, startsAt: iso, endsAt: iso, reason: z.string() }),
  },
  "user.absence_remove": {
    entity: "User",
    before: z.object({ absenceId: id, startsAt: iso, endsAt: iso }),
  },
  "draw.create": {
    entity: "PrizeDraw",
    after: z.object({
      title: z.string(),
      winnersCount: id,
      eligibility: z.string(),
      entryOpensAt: iso,
      entryClosesAt: iso,
      commitment: z.string(),
    }),
  },
  "draw.open": { entity: "PrizeDraw", after: z.object({ commitment: z.string() }) },
  "draw.enter": {
    entity: "PrizeDraw",
    after: z.object({ ticket: id, telegramUserId: z.string() }),
  },
  "draw.close": {
    entity: "PrizeDraw",
    after: z.object({ entriesCount: id, entriesHash: z.string() }),
  },
  "draw.draw": {
    entity: "PrizeDraw",
    after: z.object({ seed: z.string(), entriesHash: z.string(), winners: z.array(id) }),
  },
  /** One row per changed setting; the record id is the setting's key. */
  "setting.update": {
    entity: "Setting",
    before: z.object({ value: z.unknown() }),
    after: z.object({ value: z.unknown() }),
  },
  "expense.category.create": { entity: "ExpenseCategory", after: category },
  "expense.category.update": {
    entity: "ExpenseCategory",
    before: category.partial(),
    after: category.partial(),
  },
  "expense.create": { entity: "Expense", after: expenseValues },
  "expense.update": {
    entity: "Expense",
    before: expenseValues.partial(),
    after: expenseValues.partial(),
  },
  "expense.void": {
    entity: "Expense",
    before: expenseValues,
    after: z.object({ voidedAt: iso, reason: z.string() }),
  },
  "expense.attachment": {
    entity: "Expense",
    before: attachment.nullable(),
    after: attachment,
  },
  "budget.set": {
    entity: "Budget",
    before: budgetValues.nullable(),
    after: budgetValues,
  },
  "budget.delete": { entity: "Budget", before: budgetValues },
  "currency.rate": {
    entity: "CurrencyRate",
    before: z.object({ uzsPerUsd: money }).nullable(),
    after: z.object({ uzsPerUsd: money }),
  },
  "attendance.check_in": {
    entity: "Attendance",
    after: z.object({ day: z.string(), checkIn: iso, lateMinutes: z.number().int() }),
  },
  "attendance.check_out": {
    entity: "Attendance",
    after: z.object({ checkOut: iso, autoClosed: z.boolean() }),
  },
  "attendance.create": {
    entity: "Attendance",
    after: attendanceTimes.extend({ userId: id, day: z.string(), reason: z.string() }),
  },
  "attendance.correct": {
    entity: "Attendance",
    before: attendanceTimes,
    after: attendanceTimes.extend({ reason: z.string() }),
  },
  /** Someone took data out of the CRM: which report, in which format, with which filters. */
  "export.create": {
    entity: "Export",
    after: z.object({
      kind: z.string(),
      format: z.string(),
      params: z.record(z.string(), z.unknown()),
    }),
  },
  "instagram.connect": {
    entity: "Instagram",
    after: z.object({ accountId: z.string(), username: z.string(), expiresAt: iso }),
  },
  "instagram.refresh": {
    entity: "Instagram",
    before: z.object({ expiresAt: iso }),
    after: z.object({ expiresAt: iso }),
  },
  "instagram.disconnect": {
    entity: "Instagram",
    before: z.object({ accountId: z.string(), username: z.string() }),
  },
} as const satisfies Record<string, AuditEventDef>;

export type TAuditAction = keyof typeof auditEvents;
export const AUDIT_ACTIONS = Object.keys(auditEvents) as TAuditAction[];
export const ZAuditAction = z.enum(AUDIT_ACTIONS as [TAuditAction, ...TAuditAction[]]);
export type TAuditEntity = (typeof auditEvents)[TAuditAction]["entity"];

type Def<A extends TAuditAction> = (typeof auditEvents)[A];
type Side<D, K extends "before" | "after"> = D extends { [P in K]: z.ZodType }
  ? { [P in K]: z.input<D[K]> }
  : { [P in K]?: never };

/** One audit event as a writer gives it: the action decides the record type and the shapes. */
export type TAuditEvent = {
  [A in TAuditAction]: { action: A; entityId: number | string } & Side<Def<A>, "before"> &
    Side<Def<A>, "after">;
}[TAuditAction];

/** The before/after of an event read back from the log, checked against its action's shape. */
export function parseAuditEvent(
  action: string,
  before: unknown,
  after: unknown,
): { action: TAuditAction; before: unknown; after: unknown } | null {
  if (!(action in auditEvents)) return null;
  const def: AuditEventDef = auditEvents[action as TAuditAction];
  const side = (schema: z.ZodType | undefined, value: unknown) =>
    schema && value !== null && value !== undefined ? schema.safeParse(value) : null;
  const b = side(def.before, before);
  const a = side(def.after, after);
  if ((b && !b.success) || (a && !a.success)) return null;
  return { action: action as TAuditAction, before: b?.data ?? null, after: a?.data ?? null };
}
