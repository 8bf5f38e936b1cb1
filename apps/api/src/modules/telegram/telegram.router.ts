import { Router } from "express";
import { telegramRoutes } from "@crm/contracts";
import { assignment, telegramLink } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function telegramRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, telegramRoutes.linkCode, ({ user }) => telegramLink.createLinkCode(db, user));
  mount(router, telegramRoutes.unlink, async ({ user }) => {
    await telegramLink.unlinkTelegram(db, user);
  });
  mount(router, telegramRoutes.absences, () => assignment.listAbsences(db));
  mount(router, telegramRoutes.addAbsence, ({ user, body }) =>
    assignment.addAbsence(db, user, body),
  );
  mount(router, telegramRoutes.removeAbsence, ({ user, params }) =>
    assignment.removeAbsence(db, user, params.id),
  );
  return router;
}
