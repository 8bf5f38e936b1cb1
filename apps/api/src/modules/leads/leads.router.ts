import { Router } from "express";
import { leadRoutes, leadWriteRoutes } from "@crm/contracts";
import { leads } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";
import { deliverEmailsSoon } from "../../jobs/job-client";

export function leadsRouter(deps: AppDeps) {
  const { db } = deps;
  /** Creating, updating and reassigning (one lead or many) may give a lead to someone, who is emailed. */
  const notifying = <T>(result: T) => {
    deliverEmailsSoon(deps);
    return result;
  };
  const router = Router();
  mount(router, leadRoutes.list, ({ user, reads, query }) => leads.listLeads(reads, user, query));
  mount(router, leadRoutes.count, ({ user, reads, query }) => leads.countLeads(reads, user, query));
  // Before "/api/leads/:id", which would take "board-summary" for an id.
  mount(router, leadRoutes.boardSummary, ({ user, reads, query }) =>
    leads.leadBoardSummary(reads, user, query),
  );
  mount(router, leadRoutes.bulk, async ({ user, body }) =>
    notifying(await leads.bulkUpdateLeads(db, user, body)),
  );
  mount(router, leadWriteRoutes.create, async ({ user, body }) =>
    notifying(await leads.createLead(db, user, body)),
  );
  mount(router, leadRoutes.get, ({ user, params }) => leads.getLead(db, user, params.id));
  mount(router, leadRoutes.flats, ({ user, params }) => leads.leadFlats(db, user, params.id));
  mount(router, leadWriteRoutes.update, async ({ user, params, body }) =>
    notifying(await leads.updateLead(db, user, params.id, body)),
  );
  mount(router, leadRoutes.remove, ({ user, params }) => leads.archiveLead(db, user, params.id));
  mount(router, leadRoutes.restore, ({ user, params }) => leads.restoreLead(db, user, params.id));
  mount(router, leadRoutes.reassign, async ({ user, params, body }) =>
    notifying(await leads.reassignLead(db, user, params.id, body.ownerId)),
  );
  return router;
}
