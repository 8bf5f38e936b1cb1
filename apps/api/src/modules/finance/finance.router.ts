import { Router } from "express";
import { financeRoutes } from "@crm/contracts";
import { finance } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function financeRouter({ reader }: AppDeps) {
  const router = Router();
  mount(router, financeRoutes.cashByComplex, ({ query }) =>
    finance.cashByComplex(reader, query.complexId),
  );
  mount(router, financeRoutes.forecast, ({ query }) =>
    finance.forecast(reader, query.from, query.months),
  );
  return router;
}
