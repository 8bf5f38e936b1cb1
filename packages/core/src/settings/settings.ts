import {
  SETTING_KEYS,
  settingDefs,
  type TPolicySettings,
  type TRoleCode,
  type TSettingKey,
  type TSettingValue,
  type TSettings,
  type TUpdateSettingsRequest,
} from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, type FieldError } from "../errors";

type SettingsDb = Pick<Db, "setting">;

/** A stored value: numbers and text as they are, lists and maps as JSON. */
function parseStored(key: TSettingKey, raw: string | undefined) {
  const schema = settingDefs[key].schema;
  if (raw === undefined) return undefined;
  const direct = schema.safeParse(raw);
  if (direct.success) return direct;
  try {
    return schema.safeParse(JSON.parse(raw));
  } catch {
    return direct;
  }
}

const storedText = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);

/**
 * Reads settings with their declared defaults. A stored value that no longer fits its
 * declaration (edited by hand, an old format) falls back to the default rather than failing.
 */
export async function readSettings<K extends TSettingKey>(
  db: SettingsDb,
  keys: readonly K[],
): Promise<{ [P in K]: TSettingValue<P> }> {
  const rows = await db.setting.findMany({ where: { key: { in: [...keys] } } });
  const values = {} as { [P in K]: TSettingValue<P> };
  for (const key of keys) {
    const parsed = parseStored(key, rows.find((row) => row.key === key)?.value);
    values[key] = (parsed?.success ? parsed.data : settingDefs[key].default) as TSettingValue<K>;
  }
  return values;
}

/** Holds: a new hold's default length, how far ahead and how long in all, how many per lead. */
export async function bookingSettings(db: SettingsDb) {
  const values = await readSettings(db, [
    "booking.defaultDays",
    "booking.maxDays",
    "booking.maxHoldsPerLead",
    "booking.maxTotalDays",
  ]);
  return {
    defaultDays: values["booking.defaultDays"],
    maxDays: values["booking.maxDays"],
    maxHoldsPerLead: values["booking.maxHoldsPerLead"],
    maxTotalDays: values["booking.maxTotalDays"],
  };
}

/**
 * The price policy for a role: the discount it may give without approval (null: any — admins
 * and heads of sales approve), the smallest down payment, how far back a start date may lie.
 */
export async function pricingSettings(db: SettingsDb, role: TRoleCode) {
  const values = await readSettings(db, [
    "pricing.maxDiscountPct.SELLER",
    "pricing.maxDiscountPct.MOP",
    "pricing.minDownPaymentPct",
    "pricing.startDateGraceDays",
  ]);
  const maxDiscountPct =
    role === "SELLER"
      ? values["pricing.maxDiscountPct.SELLER"]
      : role === "MOP"
        ? values["pricing.maxDiscountPct.MOP"]
        : null;
  return {
    maxDiscountPct,
    minDownPaymentPct: values["pricing.minDownPaymentPct"],
    startDateGraceDays: values["pricing.startDateGraceDays"],
  };
}

/** The company printed on contracts. */
export async function companyDetails(db: SettingsDb) {
  const values = await readSettings(db, [
    "company.name",
    "company.address",
    "company.taxId",
    "company.bank",
    "company.account",
    "company.mfo",
  ]);
  return {
    name: values["company.name"],
    address: values["company.address"],
    taxId: values["company.taxId"],
    bank: values["company.bank"],
    account: values["company.account"],
    mfo: values["company.mfo"],
  };
}

export async function policySettings(
  db: SettingsDb,
  user: { role: TRoleCode },
): Promise<TPolicySettings> {
  return { booking: await bookingSettings(db), pricing: await pricingSettings(db, user.role) };
}

/** Every setting with its value, for the settings screen. */
export async function allSettings(db: SettingsDb): Promise<TSettings> {
  return { values: (await readSettings(db, SETTING_KEYS)) as TSettings["values"] };
}

/** Rules across settings, checked on the values as they will be after the change. */
function crossChecks(next: TSettings["values"]): FieldError[] {
  const errors: FieldError[] = [];
  const error = (path: string, message: string) =>
    errors.push({ path, message, code: "invalid_setting" });
  if (next["booking.defaultDays"] > next["booking.maxDays"]) {
    error("booking.defaultDays", "A new hold cannot be longer than the longest hold");
  }
  if (next["booking.maxDays"] > next["booking.maxTotalDays"]) {
    error("booking.maxDays", "The longest hold cannot exceed the total a hold may last");
  }
  if (next["pricing.maxDiscountPct.SELLER"] > next["pricing.maxDiscountPct.MOP"]) {
    error("pricing.maxDiscountPct.SELLER", "A seller's limit cannot exceed a manager's");
  }
  if (next["attendance.workStart"] >= next["attendance.workEnd"]) {
    error("attendance.workEnd", "The working day must end after it starts");
  }
  if (next["attendance.autoCheckoutAt"] <= next["attendance.workStart"]) {
    error("attendance.autoCheckoutAt", "Forgotten days must close after the working day starts");
  }
  return errors;
}

/**
 * Saves the changed settings in one transaction with one `setting.update` audit row per key
 * that changed. Every reader takes the new value on its next read: nothing is cached.
 */
export async function updateSettings(
  db: Db,
  actor: Actor,
  input: TUpdateSettingsRequest,
): Promise<TSettings> {
  const current = (await allSettings(db)).values;
  const next = { ...current, ...input } as TSettings["values"];
  const errors = crossChecks(next);
  if (errors.length > 0) {
    throw new AppError("VALIDATION_FAILED", { detail: "The settings do not fit together", errors });
  }
  const changed = (Object.keys(input) as TSettingKey[]).filter(
    (key) => storedText(current[key]) !== storedText(next[key]),
  );
  await db.$transaction(async (tx) => {
    for (const key of changed) {
      const value = storedText(next[key]);
      await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
      await audit(tx, actor, {
        action: "setting.update",
        entityId: key,
        before: { value: current[key] },
        after: { value: next[key] },
      });
    }
  });
  return { values: next };
}
