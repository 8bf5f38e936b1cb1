import {
  settingDefs,
  type TPolicySettings,
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

/** Hold lengths: a new hold's default and the furthest a hold may reach. */
export async function bookingSettings(db: SettingsDb) {
  const values = await readSettings(db, ["booking.defaultDays", "booking.maxDays"]);
  return { defaultDays: values["booking.defaultDays"], maxDays: values["booking.maxDays"] };
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

export async function policySettings(db: SettingsDb): Promise<TPolicySettings> {
  return { booking: await bookingSettings(db) };
}
