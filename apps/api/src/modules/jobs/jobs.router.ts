import { Router } from "express";
import { jobRoutes } from "@crm/contracts";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

/** The Jobs page (ADMIN): the job client answers the same in either mode. */
export function jobsRouter({ jobs }: AppDeps) {
  const router = Router();
  mount(router, jobRoutes.overview, () => jobs.overview());
  mount(router, jobRoutes.list, async ({ params, query }) => ({
    items: await jobs.list(params.queue, query),
  }));
  mount(router, jobRoutes.run, ({ params }) => jobs.runNow(params.queue));
  mount(router, jobRoutes.retry, ({ params }) => jobs.retry(params.queue, params.id));
  mount(router, jobRoutes.remove, ({ params }) => jobs.remove(params.queue, params.id));
  return router;
}
