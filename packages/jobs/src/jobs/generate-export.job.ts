import { ZGenerateExportJob } from "@crm/contracts";
import { AppError, exportsService } from "@crm/core";
import { defineJob, PermanentJobError } from "../definition";
import { defaultExportDir } from "../export-dir";

/**
 * Writes one report file (@crm/core `generateExport`). A failure is retried; on the last
 * attempt, or when no retry can help (the owner left, the complex is gone), the export is
 * marked failed with the reason, which "Мои выгрузки" shows.
 */
export const generateExportJob = defineJob({
  name: "generate-export",
  payload: ZGenerateExportJob,
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  timeoutMs: 10 * 60_000,
  concurrency: 2,
  async handle(payload, deps, context) {
    try {
      if (!deps.reader)
        throw new PermanentJobError("this process has no database reader for reports");
      return await exportsService.generateExport(deps.db, payload.exportId, {
        reader: deps.reader,
        exportDir: deps.exportDir ?? defaultExportDir(),
        now: deps.now,
      });
    } catch (error) {
      const permanent = error instanceof AppError || error instanceof PermanentJobError;
      if (permanent || context.attempt >= context.attempts) {
        const reason =
          error instanceof AppError
            ? (error.detail ?? error.message)
            : String((error as Error)?.message ?? error);
        await exportsService.markExportFailed(deps.db, payload.exportId, reason, deps.now());
      }
      if (error instanceof AppError) throw new PermanentJobError(error.detail ?? error.message);
      throw error;
    }
  },
});
