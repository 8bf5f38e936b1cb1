import type { Db } from "@crm/db";

/**
 * Google Sheets import of a complex's flats. A complex takes part once it names its sheet
 * (`googleSheetId`); nothing records a last import yet, so every such complex is due at every
 * tick. The importer itself is not built: the scheduled job asks here and reports what it could
 * not do rather than claiming a sync that never happened.
 */
export async function complexesDueForSync(
  db: Db,
  options: { complexId?: number } = {},
): Promise<{ id: number; googleSheetId: string }[]> {
  const rows = await db.complex.findMany({
    where: {
      AND: [{ googleSheetId: { not: null } }, { googleSheetId: { not: "" } }],
      ...(options.complexId !== undefined ? { id: options.complexId } : {}),
    },
    select: { id: true, googleSheetId: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ id: row.id, googleSheetId: row.googleSheetId! }));
}
