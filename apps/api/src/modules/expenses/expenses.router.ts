import { Router } from "express";
import { expenseRoutes, MAX_ATTACHMENT_BYTES } from "@crm/contracts";
import { budgets, currency, expenseReceipts, expenses, marketing } from "@crm/core";
import type { AppDeps } from "../../app";
import { acceptFile, mount } from "../../http/route";

export function expensesRouter({ db, reader, config }: AppDeps) {
  const router = Router();
  const uploads = config.uploadsDir;

  mount(router, expenseRoutes.categories, () => expenses.listCategories(db));
  mount(router, expenseRoutes.createCategory, ({ user, body }) =>
    expenses.createCategory(db, user, body),
  );
  mount(router, expenseRoutes.updateCategory, ({ user, params, body }) =>
    expenses.updateCategory(db, user, params.id, body),
  );
  mount(router, expenseRoutes.list, ({ query }) => expenses.listExpenses(db, query));
  mount(router, expenseRoutes.create, ({ user, body }) => expenses.createExpense(db, user, body));
  mount(router, expenseRoutes.get, ({ params }) => expenses.getExpense(db, params.id));
  mount(router, expenseRoutes.update, ({ user, params, body }) =>
    expenses.updateExpense(db, user, params.id, body),
  );
  mount(router, expenseRoutes.void, ({ user, params, body }) =>
    expenses.voidExpense(db, user, params.id, body.reason),
  );

  const route = expenseRoutes.putAttachment;
  acceptFile(router, route, MAX_ATTACHMENT_BYTES);
  mount(router, route, ({ user, params, req }) =>
    expenseReceipts.attachReceipt(
      db,
      user,
      params.id,
      {
        bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        name: req.get("x-file-name") ? decodeURIComponent(req.get("x-file-name")!) : undefined,
      },
      uploads,
    ),
  );
  mount(router, expenseRoutes.getAttachment, async ({ params, res }) => {
    const file = await expenseReceipts.receiptFile(db, params.id, uploads);
    res
      .status(200)
      .type(file.type)
      .setHeader("Cache-Control", "private, no-store")
      .setHeader(
        "Content-Disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
      .end(file.bytes);
  });

  mount(router, expenseRoutes.budgets, ({ query }) => budgets.listBudgets(db, query));
  mount(router, expenseRoutes.setBudget, ({ user, body }) => budgets.setBudget(db, user, body));
  mount(router, expenseRoutes.deleteBudget, ({ user, params }) =>
    budgets.deleteBudget(db, user, params.id),
  );
  mount(router, expenseRoutes.planVsFact, ({ query }) => budgets.planVsFact(db, query));
  mount(router, expenseRoutes.roi, ({ query }) => marketing.marketingRoi(db, reader, query));
  mount(router, expenseRoutes.rates, () => currency.listRates(db));
  mount(router, expenseRoutes.setRate, ({ user, params, body }) =>
    currency.setRate(db, user, params.month, body.uzsPerUsd),
  );
  return router;
}
