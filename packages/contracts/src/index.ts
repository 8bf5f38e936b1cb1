export * from "./common";
export * from "./routes";
export * from "./auth";
export * from "./users";
export * from "./health";
export * from "./openapi";

import { activityRoutes } from "./activity";
import { authRoutes } from "./auth";
import { healthRoutes } from "./health";
import { importRoutes } from "./import";
import { dealRoutes } from "./deals";
import { financeRoutes } from "./finance";
import { inventoryRoutes } from "./inventory";
import { jobRoutes } from "./jobs";
import { leadRoutes } from "./leads";
import type { RouteDef } from "./routes";
import { statsRoutes } from "./stats";
import { notificationRoutes } from "./notifications";
import { settingsRoutes } from "./settings";
import { userRoutes } from "./users";

/** Every route the API speaks, for the OpenAPI document and the route-coverage tests. */
export const allRoutes: readonly RouteDef[] = [
  ...Object.values(healthRoutes),
  ...Object.values(authRoutes),
  ...Object.values(userRoutes),
  ...Object.values(leadRoutes),
  ...Object.values(activityRoutes),
  ...Object.values(statsRoutes),
  ...Object.values(inventoryRoutes),
  ...Object.values(dealRoutes),
  ...Object.values(financeRoutes),
  ...Object.values(settingsRoutes),
  ...Object.values(notificationRoutes),
  ...Object.values(jobRoutes),
  ...Object.values(importRoutes),
];
export * from "./jobs";
export * from "./leads";
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
export * from "./import";
