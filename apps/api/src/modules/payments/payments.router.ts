import { Router } from "express";
import { paymentRegisterRoutes } from "@crm/contracts";
import { paymentsRegister } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function paymentsRegisterRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, paymentRegisterRoutes.register, ({ query }) =>
    paymentsRegister.paymentsRegister(db, query),
  );
  mount(router, paymentRegisterRoutes.expectedVsReceived, ({ query }) =>
    paymentsRegister.expectedVsReceived(db, query.month),
  );
  return router;
}
