/**
 * `pnpm db:normalize-phones [--dry-run]`: brings stored lead and user phones to E.164 and
 * prints what it changed, what is not a valid number and which leads would collide.
 * Reads DATABASE_URL (default: the embedded database of `pnpm start`) and PHONE_DEFAULT_REGION.
 */
import path from "node:path";
import { setDefaultPhoneRegion } from "@crm/contracts";
import { createDb } from "../src/client";
import { formatPhoneReport, normalizeStoredPhones } from "../src/normalize-phones";

async function main() {
  const dryRun = process.argv.includes("--dry-run");
  const url = process.env.DATABASE_URL ?? `file:${path.resolve(__dirname, "../../../data/crm.db")}`;
  setDefaultPhoneRegion((process.env.PHONE_DEFAULT_REGION ?? "UZ").toUpperCase());
  const db = createDb({ url, poolSize: 1 });
  try {
    const report = await normalizeStoredPhones(db, { dryRun });
    console.log(formatPhoneReport(report, dryRun));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
