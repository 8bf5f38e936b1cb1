import { Router } from "express";
import { searchRoutes } from "@crm/contracts";
import { search } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function searchRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, searchRoutes.search, ({ user, reads, query }) =>
    search.globalSearch(db, reads, user, query),
  );
  return router;
}
