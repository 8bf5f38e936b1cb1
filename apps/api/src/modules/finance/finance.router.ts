import { Router } from "express";
import { financeRoutes } from "@crm/contracts";
import { finance } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function financeRouter(_deps: AppDeps) {
  const router = Router();
  mount(router, financeRoutes.cashByComplex, ({ reads, query }) =>
    finance.cashByComplex(reads, query.complexId),
  );
  mount(router, financeRoutes.forecast, ({ reads, query }) =>
    finance.forecast(reads, query.from, query.months),
  );
  return router;
}
