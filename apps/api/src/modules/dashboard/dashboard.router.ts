import { Router } from "express";
import { dashboardRoutes, type TSystemDashboard } from "@crm/contracts";
import { dashboard } from "@crm/core";
import type { AppContext } from "../../app";
import { mount } from "../../http/route";

/** The spreadsheet import's queue: its newest finished run is the dashboard's "last import". */
const IMPORT_QUEUE = "sync-google-sheet";

export function dashboardRouter({ db, jobs, redisLink }: AppContext) {
  const router = Router();
  const system = async (): Promise<TSystemDashboard> => {
    const [database, redis, overview, completed, failed] = await Promise.all([
      db.$queryRawUnsafe("SELECT 1").then(
        () => "ok" as const,
        () => "down" as const,
      ),
      redisLink ? redisLink.check() : Promise.resolve("disabled" as const),
      jobs.overview(),
      jobs.list(IMPORT_QUEUE, { state: "completed", limit: 1 }),
      jobs.list(IMPORT_QUEUE, { state: "failed", limit: 1 }),
    ]);
    const last = [...completed, ...failed].sort((a, b) =>
      (b.finishedAt ?? "").localeCompare(a.finishedAt ?? ""),
    )[0];
    return {
      database,
      redis,
      failedJobs: overview.queues.reduce((sum, queue) => sum + queue.counts.failed, 0),
      lastImport: last
        ? { state: last.state, finishedAt: last.finishedAt, error: last.lastError }
        : null,
    };
  };
  mount(router, dashboardRoutes.get, ({ user, reads }) =>
    dashboard.dashboard(db, reads, user, { system }),
  );
  return router;
}
