import type { Db } from "@crm/db";
import type { Logger } from "../lib/logger";
import { holds, payments } from "@crm/core";

/** One pass: release holds past their expiry and mark unpaid instalments past due as OVERDUE. */
export async function runHousekeeping(db: Db, now = new Date()) {
  const overdue = await payments.markOverdue(db, now);
  const { released } = await holds.releaseExpiredHolds(db, { now });
  return { overdue, released };
}

/**
 * Without Redis there is no worker, so the API runs the periodic jobs itself (SPEC §9). Run only
 * one API instance in that mode: several would each do the work — harmless, as every change is
 * conditional, but wasteful. Returns a function that stops it.
 */
export function startHousekeeping(db: Db, logger: Logger, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow pass is never overlapped by the next
    running = true;
    runHousekeeping(db)
      .then(({ overdue, released }) => {
        if (overdue || released) logger.info({ overdue, released }, "housekeeping");
      })
      .catch((error: unknown) => logger.error({ err: error }, "housekeeping failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
