import { Router } from "express";
import { statsRoutes } from "@crm/contracts";
import { stats } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function statsRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, statsRoutes.leads, ({ user, reads, query }) =>
    stats.leadStats(db, reads, user, query),
  );
  mount(router, statsRoutes.periods, ({ user, reads, query }) =>
    stats.periodStats(reads, user, query),
  );
  return router;
}
