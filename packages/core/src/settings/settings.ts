import {
  settingDefs,
  type TPolicySettings,
  type TRoleCode,
  type TSettingKey,
  type TSettingValue,
} from "@crm/contracts";
import type { Db } from "@crm/db";

type SettingsDb = Pick<Db, "setting">;

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
    const def = settingDefs[key];
    const parsed = def.schema.safeParse(rows.find((row) => row.key === key)?.value);
    values[key] = (parsed.success ? parsed.data : def.default) as TSettingValue<K>;
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
  ]);
  return {
    name: values["company.name"],
    address: values["company.address"],
    taxId: values["company.taxId"],
    bank: values["company.bank"],
  };
}

export async function policySettings(
  db: SettingsDb,
  user: { role: TRoleCode },
): Promise<TPolicySettings> {
  return { booking: await bookingSettings(db), pricing: await pricingSettings(db, user.role) };
}
