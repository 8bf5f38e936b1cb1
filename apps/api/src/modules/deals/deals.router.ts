import { Router } from "express";
import { dealRoutes } from "@crm/contracts";
import { deals, payments, receipts } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";
import { deliverEmailsSoon } from "../../jobs/job-client";

export function dealsRouter(deps: AppDeps) {
  const { db } = deps;
  /** A contract waiting for approval, or decided, notifies (and emails) its approvers or author. */
  const notifying = <T>(result: T) => {
    deliverEmailsSoon(deps);
    return result;
  };
  const router = Router();
  mount(router, dealRoutes.list, ({ user, query }) => deals.listDeals(db, user, query));
  mount(router, dealRoutes.create, async ({ user, body }) =>
    notifying(await deals.createDeal(db, user, body)),
  );
  mount(router, dealRoutes.get, ({ user, params }) => deals.getDeal(db, user, params.id));
  mount(router, dealRoutes.pdf, async ({ user, params, res }) => {
    const { number, pdf } = await deals.dealPdf(db, user, params.id);
    res
      .status(200)
      .type("application/pdf")
      .setHeader(
        "Content-Disposition",
        `inline; filename="contract-${encodeURIComponent(number)}.pdf"`,
      )
      .end(pdf);
  });
  mount(router, dealRoutes.approve, async ({ user, params, body }) =>
    notifying(await deals.approveDeal(db, user, params.id, body.note)),
  );
  mount(router, dealRoutes.reject, async ({ user, params, body }) =>
    notifying(await deals.rejectDeal(db, user, params.id, body.note)),
  );
  mount(router, dealRoutes.sign, ({ user, params }) => deals.signDeal(db, user, params.id));
  mount(router, dealRoutes.cancel, ({ user, params }) => deals.cancelDeal(db, user, params.id));
  mount(router, dealRoutes.overdue, ({ query }) => payments.overduePayments(db, query.limit));
  mount(router, dealRoutes.recordPayment, ({ user, params, body }) =>
    payments.recordPayment(db, user, params.id, body),
  );
  mount(router, dealRoutes.recordReceipt, ({ user, params, body }) =>
    receipts.recordContractReceipt(db, user, params.id, body),
  );
  mount(router, dealRoutes.reverseReceipt, ({ user, params, body }) =>
    receipts.reverseReceipt(db, user, params.id, body.reason),
  );
  return router;
}
