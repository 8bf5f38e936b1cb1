import { Router } from "express";
import { adminSettingsRoutes, settingsRoutes } from "@crm/contracts";
import { settings } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function settingsRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, settingsRoutes.policy, ({ user }) => settings.policySettings(db, user));
  mount(router, adminSettingsRoutes.get, () => settings.allSettings(db));
  mount(router, adminSettingsRoutes.update, ({ user, body }) =>
    settings.updateSettings(db, user, body),
  );
  return router;
}
