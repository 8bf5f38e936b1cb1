import { buildPath, type RouteDef } from "@crm/contracts";

/**
 * A value for every path parameter the routes use, so tests that walk all routes can build a
 * path for each. A route with a new parameter name fails those tests until it is listed here.
 */
export const SAMPLE_PATH_PARAMS: Record<string, string | number> = {
  id: 1,
  leadId: 1,
  mediaId: 1,
  queue: "release-expired-bookings",
  month: "2026-11",
  slug: "no-such-complex",
};

export const samplePath = (route: Pick<RouteDef, "path">, overrides = {}) =>
  buildPath(route.path, { ...SAMPLE_PATH_PARAMS, ...overrides });
