import { Router } from "express";
import { statsRoutes } from "@crm/contracts";
import { stats } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function statsRouter({ db, reader }: AppDeps) {
  const router = Router();
  mount(router, statsRoutes.leads, ({ user, query }) => stats.leadStats(db, reader, user, query));
  mount(router, statsRoutes.periods, ({ user, query }) => stats.periodStats(reader, user, query));
  return router;
}
