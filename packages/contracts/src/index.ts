export * from "./common";
export * from "./roles";
export * from "./phone";
export * from "./routes";
export * from "./auth";
export * from "./users";
export * from "./health";
export * from "./openapi";

import { activityRoutes } from "./activity";
import { auditLogRoutes } from "./audit-log";
import { authRoutes } from "./auth";
import { healthRoutes } from "./health";
import { dashboardRoutes } from "./dashboard";
import { importRoutes } from "./import";
import { dealRoutes } from "./deals";
import { financeRoutes } from "./finance";
import { inventoryRoutes } from "./inventory";
import { exportRoutes } from "./exports";
import { jobRoutes } from "./jobs";
import { leadWriteRoutes } from "./lead-writes";
import { userWriteRoutes } from "./user-writes";
import { leadRoutes } from "./leads";
import { savedFilterRoutes } from "./saved-filters";
import type { RouteDef } from "./routes";
import { statsRoutes } from "./stats";
import { notificationRoutes } from "./notifications";
import { adminSettingsRoutes, settingsRoutes } from "./settings";
import { userRoutes } from "./users";
import { drawRoutes } from "./draws";
import { telegramRoutes } from "./telegram";

import { searchRoutes } from "./search";
import { expenseRoutes } from "./expenses";
import { attendanceRoutes } from "./attendance";
import { paymentRegisterRoutes } from "./payments";
import { mediaRoutes } from "./media";
import { publicRoutes } from "./public";
import { instagramRoutes } from "./instagram";

/** Every route the API speaks, for the OpenAPI document and the route-coverage tests. */
export const allRoutes: readonly RouteDef[] = [
  ...Object.values(healthRoutes),
  ...Object.values(authRoutes),
  ...Object.values(userRoutes),
  ...Object.values(userWriteRoutes),
  ...Object.values(leadRoutes),
  ...Object.values(leadWriteRoutes),
  ...Object.values(savedFilterRoutes),
  ...Object.values(activityRoutes),
  ...Object.values(statsRoutes),
  ...Object.values(inventoryRoutes),
  ...Object.values(dealRoutes),
  ...Object.values(financeRoutes),
  ...Object.values(settingsRoutes),
  ...Object.values(adminSettingsRoutes),
  ...Object.values(notificationRoutes),
  ...Object.values(jobRoutes),
  ...Object.values(dashboardRoutes),
  ...Object.values(searchRoutes),
  ...Object.values(drawRoutes),
  ...Object.values(telegramRoutes),
  ...Object.values(auditLogRoutes),
  ...Object.values(expenseRoutes),
  ...Object.values(attendanceRoutes),
  ...Object.values(paymentRegisterRoutes),
  ...Object.values(exportRoutes),
  ...Object.values(publicRoutes),
  ...Object.values(mediaRoutes),
  ...Object.values(instagramRoutes),
  ...Object.values(importRoutes),
];
export * from "./jobs";
export * from "./leads";
export * from "./lead-writes";
export * from "./user-writes";
export * from "./saved-filters";
export * from "./activity";
export * from "./stats";
export * from "./inventory";
export * from "./schedule";
export * from "./pricing";
export * from "./deals";
export * from "./finance";
export * from "./audit";
export * from "./policy";
export * from "./settings";
export * from "./notifications";
export * from "./dashboard";
export * from "./draws";
export * from "./telegram";
export * from "./search";
export * from "./audit-log";
export * from "./expenses";
export * from "./attendance";
export * from "./payments";
export * from "./exports";
export * from "./public";
export * from "./media";
export * from "./instagram";
export * from "./import";
