import { jobDefaults, ZCloseAttendanceJob } from "@crm/contracts";
import { attendance } from "@crm/core";
import { defineJob } from "../definition";

/**
 * A working day nobody checked out of is closed at the configured time (setting
 * `attendance.autoCheckoutAt`) and flagged. @crm/core closes each entry with a conditional
 * update, so a repeated run closes nothing twice. Returns `{ closed }`.
 */
export const closeAttendanceJob = defineJob({
  name: "close-attendance",
  payload: ZCloseAttendanceJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps, context) {
    const closed = await attendance.closeForgottenCheckouts(deps.db, deps.now(), {
      id: null,
      requestId: `job:${context.jobId}`,
    });
    if (closed) deps.logger.info({ closed }, "forgotten check-outs closed");
    return { closed };
  },
});
