import { jobDefaults, ZMarkOverduePaymentsJob } from "@crm/contracts";
import { payments } from "@crm/core";
import { defineJob } from "../definition";

/**
 * An unpaid instalment is overdue from the day after its due date (Tashkent calendar).
 * @crm/core marks each payment with a conditional update and a `payment.overdue` audit row, so a
 * second run, or a run in another process, changes nothing twice. Returns `{ marked }`.
 */
export const markOverduePaymentsJob = defineJob({
  name: "mark-overdue-payments",
  payload: ZMarkOverduePaymentsJob,
  attempts: jobDefaults.attempts,
  backoff: jobDefaults.backoff,
  timeoutMs: 50_000,
  concurrency: 1,
  async handle(_payload, deps, context) {
    const marked = await payments.markOverdue(deps.db, deps.now(), {
      requestId: `job:${context.jobId}`,
    });
    if (marked) deps.logger.info({ marked }, "payments marked overdue");
    return { marked };
  },
});
