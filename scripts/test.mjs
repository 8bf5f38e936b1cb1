// `pnpm test`: everything CI checks, in order — static checks, then the API, bot and worker
// suites each on SQLite and again on PostgreSQL, then the browser tests against the built
// product. Needs PostgreSQL (TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres),
// Redis (TEST_REDIS_URL / REDIS_URL, default redis://127.0.0.1:6379) and Chromium; the preflight
// sets up or names what is missing before anything runs (see preflight.mjs).
//   --only=api|bot|worker|e2e|static   run one part
import { ensureInstalled, pnpm } from "./lib.mjs";
import { preflight, selectedParts } from "./preflight.mjs";

const parts = selectedParts();
const want = (part) => parts.includes(part);

await preflight(parts);
ensureInstalled();
if (want("static")) {
  pnpm(["--filter", "@crm/db", "exec", "node", "scripts/schemas.mjs", "check"]);
  pnpm(["-r", "typecheck"]);
  pnpm(["exec", "eslint", "."]);
  pnpm(["exec", "prettier", "--check", "."]);
  // The Node apps bundle the workspace packages and load every other package from their own
  // node_modules: the build fails when an app does not declare a package its code needs.
  pnpm(["--filter", "@crm/api", "--filter", "@crm/bot", "--filter", "@crm/worker", "build"]);
}
if (want("api")) {
  pnpm(["--filter", "@crm/api", "test"], { env: { ...process.env, TEST_DB: "sqlite" } });
  pnpm(["--filter", "@crm/api", "test"], { env: { ...process.env, TEST_DB: "postgres" } });
}
for (const app of ["bot", "worker"]) {
  if (!want(app)) continue;
  for (const db of ["sqlite", "postgres"]) {
    pnpm(["--filter", `@crm/${app}`, "test"], { env: { ...process.env, TEST_DB: db } });
  }
}
if (want("e2e")) pnpm(["--filter", "@crm/e2e", "test"]);
console.log("\n✓ all test suites passed");
