import { Router } from "express";
import { userRoutes, userWriteRoutes } from "@crm/contracts";
import { users } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function usersRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, userRoutes.assignable, () => users.listAssignable(db));
  mount(router, userRoutes.list, ({ query }) => users.listUsers(db, query));
  mount(router, userWriteRoutes.create, ({ user, body }) => users.createUser(db, user, body));
  mount(router, userRoutes.get, ({ params }) => users.getUser(db, params.id));
  mount(router, userWriteRoutes.update, ({ user, params, body }) =>
    users.updateUser(db, user, params.id, body),
  );
  mount(router, userRoutes.resetPassword, ({ user, params, body }) =>
    users.resetPassword(db, user, params.id, body.password),
  );
  mount(router, userRoutes.roles, () => users.listRoles(db));
  return router;
}
