import { ZStatusCause } from "@crm/contracts";
import type { TLead, TTimelineItem } from "@crm/contracts";
import type { MessageKey, Translate } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { isLeadSource, isLeadStatus } from "../leads/lead-meta";

/**
 * Audit events in words ("Статус: Новый → В работе"), for a lead's timeline and for the audit
 * log browser: one describer, so the same event reads the same everywhere.
 */
export type AuditEventItem = Pick<
  Extract<TTimelineItem, { kind: "event" }>,
  "action" | "before" | "after"
>;

export interface DescribeContext {
  t: Translate;
  locale: string;
  /** The lead an event belongs to, when the events are one lead's timeline. */
  lead?: TLead;
  people: Map<number, string>;
  complexes: Map<number, string>;
}

const FIELD_LABELS = {
  fullName: "lead.field.fullName",
  phone: "lead.field.phone",
  region: "lead.field.region",
  source: "lead.field.source",
  complexId: "lead.field.complex",
  apartmentId: "lead.field.apartmentId",
  budget: "lead.field.budget",
  budgetCurrency: "lead.field.budgetCurrency",
  note: "lead.field.note",
} as const;

function describeValue(
  ctx: DescribeContext,
  field: string,
  value: unknown,
  record: Record<string, unknown> | null,
): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "source" && isLeadSource(value)) return ctx.t(`lead.source.${value}`);
  if (field === "budget" && typeof value === "number") {
    const currency = record?.budgetCurrency ?? ctx.lead?.budgetCurrency ?? "UZS";
    return formatMoney(value, currency === "USD" ? "USD" : "UZS", ctx.locale);
  }
  if (field === "complexId" && typeof value === "number") {
    return ctx.complexes.get(value) ?? `#${value}`;
  }
  if (field === "apartmentId") return `#${String(value)}`;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * The owner an event names: the name recorded with it (newer events keep one), else the lead's
 * current owner or someone from the assignable list, else the bare id.
 */
function ownerName(ctx: DescribeContext, record: Record<string, unknown>): string {
  const { ownerId: value, ownerName: recorded } = record;
  if (typeof value !== "number") return ctx.t("lead.noOwner");
  if (typeof recorded === "string" && recorded !== "") return recorded;
  if (ctx.lead?.owner?.id === value) return ctx.lead.owner.name;
  return ctx.people.get(value) ?? ctx.t("timeline.userId", { id: value });
}

/** A money value of an audit record (minor units and a currency), or a dash. */
function moneyOf(ctx: DescribeContext, amount: unknown, currency: unknown): string {
  if (typeof amount !== "number") return "—";
  return formatMoney(amount, currency === "USD" ? "USD" : "UZS", ctx.locale);
}

/** An audit event in words: "Статус: Новый → В работе". */
export function describeEvent(ctx: DescribeContext, item: AuditEventItem): string[] {
  const { t } = ctx;
  const before = item.before ?? {};
  const after = item.after ?? {};
  const statusLabel = (value: unknown) =>
    isLeadStatus(value) ? t(`lead.status.${value}`) : String(value ?? "—");
  switch (item.action) {
    case "lead.create":
      return [
        isLeadStatus(after.status)
          ? t("timeline.created", { status: statusLabel(after.status) })
          : t("timeline.createdPlain"),
      ];
    case "lead.status": {
      const lines = [
        t("timeline.status", { from: statusLabel(before.status), to: statusLabel(after.status) }),
      ];
      if (typeof after.lostReason === "string")
        lines.push(t("timeline.lostReason", { reason: after.lostReason }));
      const cause = ZStatusCause.safeParse(after.cause);
      if (cause.success)
        lines.push(t("timeline.cause", { cause: t(`timeline.cause.${cause.data}`) }));
      return lines;
    }
    case "lead.owner":
      return [
        t("timeline.owner", {
          from: ownerName(ctx, before),
          to: ownerName(ctx, after),
        }),
      ];
    case "lead.update": {
      const fields = Object.keys(after).filter((field) => field in FIELD_LABELS);
      if (fields.length === 0) return [t("timeline.updated")];
      return fields.map((field) =>
        t("timeline.change", {
          field: t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]),
          from: describeValue(ctx, field, before[field], before),
          to: describeValue(ctx, field, after[field], after),
        }),
      );
    }
    case "lead.archive":
      return [t("timeline.archived")];
    case "lead.restore":
      return [t("timeline.restored")];
    case "expense.category.create":
    case "expense.category.update":
      return [t("timeline.category", { name: String(after.name ?? before.name ?? "") })];
    case "expense.create":
      return [
        t("timeline.expense", {
          amount: moneyOf(ctx, after.amount, after.currency),
          day: String(after.spentOn ?? ""),
        }),
      ];
    case "expense.update":
      return [t("timeline.expenseChanged")];
    case "expense.void":
      return [t("timeline.expenseVoided", { reason: String(after.reason ?? "") })];
    case "expense.attachment":
      return [t("timeline.receiptAttached", { name: String(after.name ?? "") })];
    case "budget.set":
      return [
        t("timeline.budget", {
          month: String(after.month ?? ""),
          amount: moneyOf(ctx, after.planned, after.currency),
        }),
      ];
    case "budget.delete":
      return [t("timeline.budgetRemoved", { month: String(before.month ?? "") })];
    case "currency.rate":
      return [
        t("timeline.rate", {
          from: typeof before.uzsPerUsd === "number" ? moneyOf(ctx, before.uzsPerUsd, "UZS") : "—",
          to: moneyOf(ctx, after.uzsPerUsd, "UZS"),
        }),
      ];
    case "attendance.check_in":
      return [
        t("timeline.checkIn", {
          late:
            typeof after.lateMinutes === "number" && after.lateMinutes > 0
              ? ` (${t("attendance.late", { minutes: after.lateMinutes })})`
              : "",
        }),
      ];
    case "attendance.check_out":
      return [t(after.autoClosed ? "timeline.autoCheckOut" : "timeline.checkOut")];
    case "attendance.create":
      return [
        t("timeline.attendanceAdded", {
          day: String(after.day ?? ""),
          reason: String(after.reason ?? ""),
        }),
      ];
    case "attendance.correct":
      return [t("timeline.attendanceCorrected", { reason: String(after.reason ?? "") })];
    case "setting.update":
      return [
        t("timeline.change", {
          field: t("audit.entity.Setting"),
          from: describeValue(ctx, "value", before.value, before),
          to: describeValue(ctx, "value", after.value, after),
        }),
      ];
    case "export.create":
      return [
        t("timeline.export", {
          report: t(`exports.kind.${String(after.kind)}` as MessageKey),
          format: String(after.format ?? "").toUpperCase(),
        }),
      ];
    case "instagram.connect":
      return [t("audit.instagram.connect", { username: String(after.username ?? "") })];
    case "instagram.refresh":
      return [t("audit.instagram.refresh")];
    case "complex.media_add":
    case "complex.media_remove": {
      const record = item.action === "complex.media_add" ? after : before;
      const what =
        record.kind === "PLAN"
          ? t("marketing.media.planOf", { rooms: Number(record.rooms ?? 0) })
          : t("marketing.media.kind.PHOTO");
      return [t(`audit.${item.action}`, { what })];
    }
    case "instagram.disconnect":
      return [t("audit.instagram.disconnect", { username: String(before.username ?? "") })];
    default: {
      // Other records: each field that the event keeps, before → after.
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
      if (fields.length === 0) return [];
      return fields.map((field) =>
        t("timeline.change", {
          field,
          from: describeValue(ctx, field, before[field], before),
          to: describeValue(ctx, field, after[field], after),
        }),
      );
    }
    case "draw.create":
    case "draw.open":
    case "draw.draw":
    case "user.telegram_link":
    case "user.telegram_unlink":
    case "user.absence_remove":
      return [t(`audit.${item.action}`)];
    case "draw.enter":
      return [t("audit.draw.enter", { ticket: String(after.ticket ?? "—") })];
    case "draw.close":
      return [t("audit.draw.close", { n: String(after.entriesCount ?? 0) })];
    case "user.absence":
      return [
        t("audit.user.absence", {
          from: String(after.startsAt ?? "—"),
          to: String(after.endsAt ?? "—"),
        }),
      ];
  }
}
