import { Router } from "express";
import { inventoryRoutes } from "@crm/contracts";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";
import * as inventory from "./inventory.service";

export function inventoryRouter({ db, reader }: AppDeps) {
  const router = Router();
  mount(router, inventoryRoutes.listComplexes, () => inventory.listComplexes(db));
  mount(router, inventoryRoutes.createComplex, ({ user, body }) =>
    inventory.createComplex(db, user, body),
  );
  mount(router, inventoryRoutes.getComplex, ({ params }) => inventory.getComplex(db, params.id));
  mount(router, inventoryRoutes.updateComplex, ({ user, params, body }) =>
    inventory.updateComplex(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.grid, ({ params, query }) =>
    inventory.complexGrid(db, reader, params.id, query),
  );
  mount(router, inventoryRoutes.createFlat, ({ user, params, body }) =>
    inventory.createFlat(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.getFlat, ({ user, params }) =>
    inventory.getFlat(db, user, params.id),
  );
  mount(router, inventoryRoutes.updateFlat, ({ user, params, body }) =>
    inventory.updateFlat(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.book, ({ user, params, body }) =>
    inventory.bookFlat(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.prolong, ({ user, params, body }) =>
    inventory.prolongHold(db, user, params.id, body.days),
  );
  mount(router, inventoryRoutes.enqueue, ({ user, params, body }) =>
    inventory.enqueue(db, user, params.id, body.leadId),
  );
  mount(router, inventoryRoutes.dequeue, ({ user, params }) =>
    inventory.dequeue(db, user, params.id, params.leadId),
  );
  mount(router, inventoryRoutes.release, ({ user, params }) =>
    inventory.releaseHold(db, user, params.id),
  );
  return router;
}
