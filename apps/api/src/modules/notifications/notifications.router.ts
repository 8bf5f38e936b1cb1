import { Router } from "express";
import { notificationRoutes } from "@crm/contracts";
import { notifications } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function notificationsRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, notificationRoutes.list, ({ user, query }) =>
    notifications.listNotifications(db, user, query),
  );
  mount(router, notificationRoutes.unread, ({ user }) => notifications.unreadSummary(db, user));
  mount(router, notificationRoutes.markRead, ({ user, body }) =>
    notifications.markRead(db, user, body),
  );
  mount(router, notificationRoutes.profile, ({ user }) => notifications.getProfile(db, user));
  mount(router, notificationRoutes.updateProfile, ({ user, body }) =>
    notifications.updateProfile(db, user, body),
  );
  return router;
}
