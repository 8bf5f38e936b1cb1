import { Router } from "express";
import { inventoryRoutes } from "@crm/contracts";
import { booking, bookingQueue, complexes, flatSearch, flats, grid } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function inventoryRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, inventoryRoutes.listComplexes, () => complexes.listComplexes(db));
  mount(router, inventoryRoutes.createComplex, ({ user, body }) =>
    complexes.createComplex(db, user, body),
  );
  mount(router, inventoryRoutes.getComplex, ({ params }) => complexes.getComplex(db, params.id));
  mount(router, inventoryRoutes.updateComplex, ({ user, params, body }) =>
    complexes.updateComplex(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.grid, ({ reads, params, query }) =>
    grid.complexGrid(reads, params.id, query),
  );
  mount(router, inventoryRoutes.createFlat, ({ user, params, body }) =>
    flats.createFlat(db, user, params.id, body),
  );
  // Before /api/flats/:id, which would take "search" for an id.
  mount(router, inventoryRoutes.searchFlats, ({ reads, user, query }) =>
    flatSearch.searchFreeFlats(reads, user, query),
  );
  mount(router, inventoryRoutes.getFlat, ({ user, params }) => flats.getFlat(db, user, params.id));
  mount(router, inventoryRoutes.updateFlat, ({ user, params, body }) =>
    flats.updateFlat(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.book, ({ user, params, body }) =>
    booking.bookFlat(db, user, params.id, body),
  );
  mount(router, inventoryRoutes.prolong, ({ user, params, body }) =>
    booking.prolongHold(db, user, params.id, body.days),
  );
  mount(router, inventoryRoutes.release, ({ user, params }) =>
    booking.releaseHold(db, user, params.id),
  );
  mount(router, inventoryRoutes.joinBookingQueue, ({ user, params, body }) =>
    bookingQueue.joinBookingQueue(db, user, params.id, body.leadId),
  );
  mount(router, inventoryRoutes.leaveBookingQueue, ({ user, params }) =>
    bookingQueue.leaveBookingQueue(db, user, params.id, params.leadId),
  );
  return router;
}
