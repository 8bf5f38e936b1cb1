import request from "supertest";
import { allRoutes, ROLE_CODES, type RouteDef, type TRoleCode } from "@crm/contracts";
import { useTestContext } from "./harness";
import { samplePath } from "./paths";

const ctx = useTestContext();

/**
 * The role × endpoint matrix, written out by hand: a change of a route's roles in the contracts
 * must be made here too, on purpose. Routes not listed fail the completeness test below.
 */
const A = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<string, Record<TRoleCode, boolean>> = {
  //                              ADMIN SELLER MOP  ROP  FINANCIER
  "GET /api/auth/me":           { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/roles":             { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/users":             { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/users/assignable":  { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/users":            { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/users/:id":         { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "PATCH /api/users/:id":       { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/users/:id/password": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/leads":             { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/leads/count":       { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/leads/board-summary": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/leads/bulk":       { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/saved-filters":     { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/saved-filters":    { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "DELETE /api/saved-filters/:id": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/leads":            { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/leads/:id":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "PATCH /api/leads/:id":       { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "DELETE /api/leads/:id":      { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/leads/:id/reassign": { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/leads/:id/restore": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/leads/:id/timeline": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/leads/:id/flats":   { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/leads/:id/comments": { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "PATCH /api/comments/:id":    { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "DELETE /api/comments/:id":   { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/leads/:id/callbacks": { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "PATCH /api/callbacks/:id":   { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "DELETE /api/callbacks/:id":  { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/callbacks":         { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/stats/leads":       { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: _ },
  "GET /api/stats/leads/periods": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: _ },
  "GET /api/complexes":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/complexes":        { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/complexes/:id":     { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "PATCH /api/complexes/:id":   { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/complexes/:id/grid": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/complexes/:id/flats": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/flats/search":      { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/flats/:id":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "PATCH /api/flats/:id":       { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/flats/:id/book":   { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/flats/:id/prolong": { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/flats/:id/release": { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/flats/:id/queue":  { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "DELETE /api/flats/:id/queue/:leadId": { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/deals":             { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/deals":            { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/deals/:id":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/deals/:id/pdf":     { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/deals/:id/sign":   { ADMIN: A, SELLER: A, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/deals/:id/cancel": { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/deals/:id/approve": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "POST /api/deals/:id/reject": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "POST /api/payments/:id/record": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: A },
  "POST /api/deals/:id/receipts": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: A },
  "POST /api/receipts/:id/reverse": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: A },
  "GET /api/payments/overdue":  { ADMIN: A, SELLER: _, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/finance/complexes": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/finance/forecast":  { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/settings/policy":   { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/notifications":    { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/notifications/unread": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/notifications/read": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/profile":           { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "PATCH /api/profile":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/jobs":              { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/jobs/:queue":       { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/jobs/:queue/run":  { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/jobs/:queue/:id/retry": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "DELETE /api/jobs/:queue/:id": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/dashboard":         { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/search":            { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/draws":             { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/draws":            { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/draws/:id":         { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/draws/:id/open":   { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/draws/:id/close":  { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/draws/:id/draw":   { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/profile/telegram-code": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "DELETE /api/profile/telegram": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/absences":          { ADMIN: A, SELLER: _, MOP: A, ROP: A, FINANCIER: _ },
  "POST /api/absences":         { ADMIN: A, SELLER: _, MOP: A, ROP: A, FINANCIER: _ },
  "DELETE /api/absences/:id":   { ADMIN: A, SELLER: _, MOP: A, ROP: A, FINANCIER: _ },
  "GET /api/settings":          { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "PATCH /api/settings":        { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/audit":             { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/audit/export":      { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/expense-categories": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "POST /api/expense-categories": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "PATCH /api/expense-categories/:id": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "GET /api/expenses":          { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "POST /api/expenses":         { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "GET /api/expenses/:id":      { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "PATCH /api/expenses/:id":    { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "POST /api/expenses/:id/void": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "PUT /api/expenses/:id/attachment": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "GET /api/expenses/:id/attachment": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/budgets":           { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "PUT /api/budgets":           { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "DELETE /api/budgets/:id":    { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "GET /api/budgets/plan-vs-fact": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/marketing/roi":     { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/currency-rates":    { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "PUT /api/currency-rates/:month": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: A },
  "GET /api/attendance/today":  { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/attendance/check-in": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "POST /api/attendance/check-out": { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/attendance/timesheet": { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/attendance/timesheet.csv": { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "POST /api/attendance":       { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "PATCH /api/attendance/:id":  { ADMIN: A, SELLER: _, MOP: A, ROP: _, FINANCIER: _ },
  "GET /api/payments/register": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "GET /api/payments/expected": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: A },
  "POST /api/exports":          { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/exports":           { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/exports/:id":       { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/exports/:id/file":  { ADMIN: A, SELLER: A, MOP: A, ROP: A, FINANCIER: A },
  "GET /api/instagram":         { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/instagram/connect": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/instagram/callback": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "DELETE /api/instagram":      { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/complexes/:id/import/source": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "PUT /api/complexes/:id/import/source": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "DELETE /api/complexes/:id/import/source": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "PUT /api/complexes/:id/import/mapping": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/complexes/:id/import/test": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/complexes/:id/import/dry-run": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/complexes/:id/import/upload": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/complexes/:id/import/runs": { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "GET /api/import-runs/:id":   { ADMIN: A, SELLER: _, MOP: _, ROP: A, FINANCIER: _ },
  "POST /api/import-runs/:id/apply": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "GET /api/complexes/:id/media": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "POST /api/complexes/:id/media": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
  "DELETE /api/complexes/:id/media/:mediaId": { ADMIN: A, SELLER: _, MOP: _, ROP: _, FINANCIER: _ },
};
const PUBLIC = new Set([
  "GET /healthz",
  "GET /readyz",
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "GET /api/public/draws/:id",
  "GET /api/public/complexes/:slug",
  "POST /api/public/complexes/:slug/requests",
  "GET /api/instagram/webhook",
  "POST /api/instagram/webhook",
]);

const keyOf = (route: RouteDef) => `${route.method.toUpperCase()} ${route.path}`;
const send = (agent: request.Agent | ReturnType<typeof request>, route: RouteDef) => {
  const path = samplePath(route, { id: 999_999, leadId: 999_999 });
  const call = (agent as request.Agent)[route.method](path);
  return route.body ? call.send({}) : call;
};

describe("role × endpoint matrix", () => {
  it("lists every contract route, public or in the matrix", () => {
    const missing = allRoutes.map(keyOf).filter((key) => !PUBLIC.has(key) && !EXPECTED[key]);
    expect(missing).toEqual([]);
  });

  it("declares in the contracts exactly the roles of the matrix", () => {
    for (const route of allRoutes) {
      const expected = EXPECTED[keyOf(route)];
      if (!expected) continue;
      const declared =
        route.access === "authenticated"
          ? [...ROLE_CODES]
          : [...(route.access as readonly TRoleCode[])];
      const allowed = ROLE_CODES.filter((role) => expected[role]);
      expect({ route: keyOf(route), roles: [...declared].sort() }).toEqual({
        route: keyOf(route),
        roles: [...allowed].sort(),
      });
    }
  });

  it("answers 401 to anonymous callers on every non-public route", async () => {
    for (const route of allRoutes.filter((r) => !PUBLIC.has(keyOf(r)))) {
      const res = await send(request(ctx.app), route);
      expect({ route: keyOf(route), status: res.status }).toEqual({
        route: keyOf(route),
        status: 401,
      });
    }
  });

  it.each(ROLE_CODES)(
    "lets %s through exactly the routes of its column (403 elsewhere)",
    async (role) => {
      const { agent } = await ctx.loginAs(role);
      for (const route of allRoutes.filter((r) => !PUBLIC.has(keyOf(r)))) {
        const res = await send(agent, route);
        const allowed = EXPECTED[keyOf(route)]![role];
        const outcome =
          res.status === 403 ? "forbidden" : res.status === 401 ? "unauthenticated" : "allowed";
        expect({ route: keyOf(route), outcome }).toEqual({
          route: keyOf(route),
          outcome: allowed ? "allowed" : "forbidden",
        });
        if (!allowed) expect(res.body.code).toBe("FORBIDDEN");
      }
    },
  );
});
