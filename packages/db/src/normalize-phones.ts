import { normalizePhone } from "@crm/contracts";
import type { Db } from "./client";
import { leadSearchText } from "./lead-search";

export interface PhoneFix {
  table: "Lead" | "User";
  id: number;
  from: string;
  to: string;
}
export interface PhoneProblem {
  table: "Lead" | "User";
  id: number;
  phone: string;
}
export interface PhoneDuplicate extends PhoneProblem {
  /** What the phone would become, and the lead that already has (or takes first) that number. */
  normalized: string;
  existingLeadId: number;
}
export interface PhoneReport {
  /** Written (or, on a dry run, to be written). */
  fixed: PhoneFix[];
  /** Not a valid number in any reading; left as stored for a person to correct. */
  invalid: PhoneProblem[];
  /** Leads whose normalised number another lead has; left as stored, to be merged by hand. */
  duplicates: PhoneDuplicate[];
}

const BATCH = 5_000;

/**
 * Brings stored lead and user phones to the E.164 form the API now writes (libphonenumber,
 * default region as configured). Numbers stored by the former hand-written rules — `+00998…`,
 * `+0901112233`, spaces — either become the one spelling of their number or are reported.
 * A lead is never given a number another lead has: the phone is unique and duplicates are
 * exactly what the normalisation must expose, not silently merge.
 */
export async function normalizeStoredPhones(
  db: Db,
  options: { dryRun?: boolean } = {},
): Promise<PhoneReport> {
  const report: PhoneReport = { fixed: [], invalid: [], duplicates: [] };
  const claimed = new Map<string, number>();

  for (let afterId = 0; ;) {
    const leads = await db.lead.findMany({
      where: { id: { gt: afterId } },
      select: { id: true, phone: true, fullName: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!leads.length) break;
    afterId = leads[leads.length - 1]!.id;
    for (const lead of leads) {
      const normalized = normalizePhone(readable(lead.phone));
      if (!normalized) {
        report.invalid.push({ table: "Lead", id: lead.id, phone: lead.phone });
        continue;
      }
      if (normalized === lead.phone) continue;
      const holder =
        claimed.get(normalized) ??
        (await db.lead.findUnique({ where: { phone: normalized }, select: { id: true } }))?.id;
      if (holder !== undefined && holder !== lead.id) {
        report.duplicates.push({
          table: "Lead",
          id: lead.id,
          phone: lead.phone,
          normalized,
          existingLeadId: holder,
        });
        continue;
      }
      claimed.set(normalized, lead.id);
      report.fixed.push({ table: "Lead", id: lead.id, from: lead.phone, to: normalized });
      if (!options.dryRun) {
        await db.lead.update({
          where: { id: lead.id },
          data: { phone: normalized, searchText: leadSearchText(lead.fullName, normalized) },
        });
      }
    }
  }

  // Users are few, and their phone is contact data without a uniqueness rule.
  const users = await db.user.findMany({
    where: { phone: { not: null } },
    select: { id: true, phone: true },
    orderBy: { id: "asc" },
  });
  for (const user of users) {
    const phone = user.phone!;
    const normalized = normalizePhone(readable(phone));
    if (!normalized) report.invalid.push({ table: "User", id: user.id, phone });
    else if (normalized !== phone) {
      report.fixed.push({ table: "User", id: user.id, from: phone, to: normalized });
      if (!options.dryRun) {
        await db.user.update({ where: { id: user.id }, data: { phone: normalized } });
      }
    }
  }
  return report;
}

/**
 * The former rules put "+" in front of whatever digits were typed, so `+00998…` and `+0…` were
 * stored. Without that "+", libphonenumber reads the typed number as it was meant:
 * `00998901112233` is international, `0901112233` is not a valid number.
 */
function readable(stored: string): string {
  return /^\+0/.test(stored) ? stored.slice(1) : stored;
}

/** The report as lines for a terminal. */
export function formatPhoneReport(report: PhoneReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? "Would normalise" : "Normalised"} ${report.fixed.length} phone(s); ` +
      `${report.invalid.length} invalid, ${report.duplicates.length} duplicate(s) left as stored.`,
  ];
  for (const fix of report.fixed)
    lines.push(`  fixed     ${fix.table} ${fix.id}: ${fix.from} → ${fix.to}`);
  for (const bad of report.invalid) lines.push(`  invalid   ${bad.table} ${bad.id}: ${bad.phone}`);
  for (const dup of report.duplicates) {
    lines.push(
      `  duplicate ${dup.table} ${dup.id}: ${dup.phone} → ${dup.normalized} is lead ${dup.existingLeadId}'s number`,
    );
  }
  return lines.join("\n");
}
