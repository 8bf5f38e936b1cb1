import { Router } from "express";
import { drawRoutes } from "@crm/contracts";
import { draws } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function drawsRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, drawRoutes.list, () => draws.listDraws(db));
  mount(router, drawRoutes.create, ({ user, body }) => draws.createDraw(db, user, body));
  mount(router, drawRoutes.get, ({ params }) => draws.getDraw(db, params.id));
  mount(router, drawRoutes.open, ({ user, params }) => draws.openDraw(db, user, params.id));
  mount(router, drawRoutes.close, ({ user, params }) => draws.closeDraw(db, user, params.id));
  mount(router, drawRoutes.draw, ({ user, params }) => draws.drawWinners(db, user, params.id));
  mount(router, drawRoutes.publicView, ({ params }) => draws.publicDraw(db, params.id));
  return router;
}
