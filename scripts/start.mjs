// `pnpm start`: the whole product on one port with an embedded SQLite database and demo data.
// Installs dependencies if needed, builds the SPA and the API, then runs the API, which
// migrates the database, seeds demo data on first start and serves the SPA on the same origin.
//   PORT (default 3000), DATABASE_URL (default file:<repo>/data/crm.db), --no-build
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureInstalled, pnpm, root } from "./lib.mjs";

const args = new Set(process.argv.slice(2));
ensureInstalled();
if (!args.has("--no-build")) {
  pnpm(["--filter", "@crm/web", "build"]);
  pnpm(["--filter", "@crm/api", "build"]);
}

const port = process.env.PORT ?? "3000";
const databaseUrl = process.env.DATABASE_URL ?? `file:${path.join(root, "data", "crm.db")}`;
if (process.env.E2E_FRESH_DB === "1" && databaseUrl.startsWith("file:")) {
  const file = databaseUrl.slice("file:".length);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

const server = spawn(
  process.execPath,
  ["--enable-source-maps", path.join(root, "apps/api/dist/server.js")],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: port,
      DATABASE_URL: databaseUrl,
      WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? path.join(root, "apps/web/dist"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

// Announce the URL and demo logins once the server answers.
const deadline = Date.now() + 120_000;
const url = `http://localhost:${port}`;
for (;;) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (res.ok) break;
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) {
    console.error("the server did not come up within 120 s");
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.log(`
  RealEstate CRM is running at ${url}
  API docs: ${url}/api/docs   OpenAPI: ${url}/api/openapi.json
  Database: ${databaseUrl}

  Demo logins (password demo12345):
    admin (Админ) · seller, seller2 (Продажник) · mop (МОП) · rop (РОП) · finance (Финансист)
`);
