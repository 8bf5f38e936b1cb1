// Small helpers shared by the root scripts (start, test). Node built-ins only: these run
// before dependencies are installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PNPM_VERSION = JSON.parse(
  fs.readFileSync(path.join(root, "package.json"), "utf8"),
).packageManager.split("@")[1];

/** pnpm as the caller ran it, or the pinned version through npx. */
export function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stdout.trim().split(".")[0] === PNPM_VERSION.split(".")[0])
    return ["pnpm"];
  return ["npx", "-y", `pnpm@${PNPM_VERSION}`];
}

export function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) {
    console.error(
      `\n✗ ${[command, ...args].join(" ")} exited with ${result.status ?? result.signal}`,
    );
    process.exit(result.status ?? 1);
  }
}

export function pnpm(args, options = {}) {
  const [command, ...prefix] = pnpmCommand();
  run(command, [...prefix, ...args], options);
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".modules.yaml");
  const lock = path.join(root, "pnpm-lock.yaml");
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  // better-sqlite3 compiles from source here; point node-gyp at the local Node headers.
  const env = {
    ...process.env,
    npm_config_nodedir:
      process.env.npm_config_nodedir ?? path.dirname(path.dirname(process.execPath)),
  };
  if (stale) pnpm(["install", "--frozen-lockfile"], { env });
}
