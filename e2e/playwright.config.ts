import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";

// E2E_PORT: another checkout of the repository may be running its own browser tests; without
// it each checkout takes its own port (3100–3199, from its folder), so two never share a server.
const checkoutPort = () =>
  3100 + ([...__dirname].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % 100);
const PORT = Number(process.env.E2E_PORT ?? checkoutPort());
const baseURL = `http://127.0.0.1:${PORT}`;

// A throwaway SQLite file; E2E_FRESH_DB makes the start script recreate and seed it.
const tmpDir = path.join(__dirname, ".tmp");
mkdirSync(tmpDir, { recursive: true });
const databaseFile = path.join(tmpDir, "e2e.db");

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "ru-RU",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: {
    command: "node ../scripts/start.mjs",
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:${databaseFile}`,
      EXPORT_DIR: path.join(tmpDir, "exports"),
      E2E_FRESH_DB: "1",
      // Keep the test output readable: expected 401s are logged at "warn".
      LOG_LEVEL: "error",
      // Every test signs in and loads the SPA from one IP within seconds; the production
      // budgets (10 logins, 100 requests per minute) would turn reruns into 429s.
      LOGIN_RATE_LIMIT_MAX: "1000",
      RATE_LIMIT_MAX: "10000",
    },
  },
});
