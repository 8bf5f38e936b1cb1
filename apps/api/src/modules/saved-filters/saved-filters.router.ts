import { Router } from "express";
import { savedFilterRoutes } from "@crm/contracts";
import { savedFilters } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function savedFiltersRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, savedFilterRoutes.list, ({ user, query }) =>
    savedFilters.listSavedFilters(db, user, query),
  );
  mount(router, savedFilterRoutes.create, ({ user, body }) =>
    savedFilters.createSavedFilter(db, user, body),
  );
  mount(router, savedFilterRoutes.remove, ({ user, params }) =>
    savedFilters.deleteSavedFilter(db, user, params.id),
  );
  return router;
}
