import { Router } from "express";
import { activityRoutes } from "@crm/contracts";
import { activity } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function activityRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, activityRoutes.timeline, ({ user, params }) =>
    activity.leadTimeline(db, user, params.id),
  );
  mount(router, activityRoutes.addComment, ({ user, params, body }) =>
    activity.addComment(db, user, params.id, body.body),
  );
  mount(router, activityRoutes.editComment, ({ user, params, body }) =>
    activity.editComment(db, user, params.id, body.body),
  );
  mount(router, activityRoutes.deleteComment, ({ user, params }) =>
    activity.deleteComment(db, user, params.id),
  );
  mount(router, activityRoutes.addCallback, ({ user, params, body }) =>
    activity.addCallback(db, user, params.id, body),
  );
  mount(router, activityRoutes.updateCallback, ({ user, params, body }) =>
    activity.updateCallback(db, user, params.id, body),
  );
  mount(router, activityRoutes.deleteCallback, ({ user, params }) =>
    activity.deleteCallback(db, user, params.id),
  );
  mount(router, activityRoutes.listCallbacks, ({ user, query }) =>
    activity.listCallbacks(db, user, query),
  );
  return router;
}
