// What the test suites need from the machine, checked (and on Debian set up) before any suite
// runs, so a missing browser or database stops `pnpm test` at once with one line saying what to
// install, instead of failing minutes later. `pnpm test` and `.ci/run` both use it:
//   node scripts/preflight.mjs [--only=api|bot|worker|e2e|static]
// Set up when possible: Chromium, redis-server, curl and jq are installed with apt-get when running as
// root; PostgreSQL and Redis are started when installed but stopped. Node built-ins only: this
// runs before dependencies are installed.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";

export const PARTS = ["static", "api", "bot", "worker", "e2e"];

/** What each part of `pnpm test` needs besides Node and the dependencies. */
const NEEDS = {
  static: [],
  // The API suite also starts redis-server processes of its own (the Redis outage test), and
  // runs the getting-started page's curl examples as printed (curl and jq).
  api: ["postgres", "redis", "redis-server", "curl-jq"],
  bot: ["postgres"],
  worker: ["postgres", "redis"],
  e2e: ["chromium"],
};

const CHROMIUM = "/usr/bin/chromium";

/** The parts selected by `--only=<part>` (all without it); exits on an unknown part. */
export function selectedParts(argv = process.argv) {
  const only = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  if (!only) return PARTS;
  if (!PARTS.includes(only)) {
    console.error(`✗ unknown part "${only}": use --only=${PARTS.join("|")}`);
    process.exit(2);
  }
  return [only];
}

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const isRoot = () => process.getuid?.() === 0;
const isLocal = (host) => ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host);

function endpoint(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || defaultPort) };
}

/** Connects, sends `probe`, and resolves true when the first answer passes `isExpected`. */
function answers({ host, port }, probe, isExpected) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ""), port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write(probe));
    socket.once("data", (data) => done(isExpected(data)));
  });
}

async function waitFor(check, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function run(command, args, env = process.env) {
  console.log(`$ ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  if (!isRoot() || !has("apt-get")) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated && !run("apt-get", ["update", "-qq"], env)) return false;
  aptUpdated = true;
  return run("apt-get", ["install", "-y", "-qq", ...packages], env);
}

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Each check returns null when the need is met, or what to do about it. */
const CHECKS = {
  async chromium() {
    if (isExecutable(CHROMIUM)) return null;
    if (aptInstall(["chromium"]) && isExecutable(CHROMIUM)) return null;
    return `Chromium at ${CHROMIUM} for the browser tests (install: sudo apt-get install -y chromium)`;
  },

  async "redis-server"() {
    if (has("redis-server")) return null;
    if (aptInstall(["redis-server"]) && has("redis-server")) return null;
    return "redis-server for the API's Redis outage test (install: sudo apt-get install -y redis-server)";
  },

  async "curl-jq"() {
    const tools = ["curl", "jq"];
    if (tools.every(has)) return null;
    if (aptInstall(tools) && tools.every(has)) return null;
    return "curl and jq for the API docs' examples test (install: sudo apt-get install -y curl jq)";
  },

  async redis() {
    const url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const target = endpoint(url, 6379);
    const ping = () => answers(target, "PING\r\n", (data) => data.toString().startsWith("+PONG"));
    if (await ping()) return null;
    const where = `${target.host}:${target.port}`;
    if (!isLocal(target.host)) return `Redis at ${where} (TEST_REDIS_URL) is not answering`;
    if (!has("redis-server") && !aptInstall(["redis-server"])) {
      return `Redis on ${where} (install: sudo apt-get install -y redis-server)`;
    }
    const started = run("redis-server", [
      "--daemonize",
      "yes",
      "--bind",
      "127.0.0.1",
      "--port",
      String(target.port),
      "--save",
      "",
      "--appendonly",
      "no",
    ]);
    if (started && (await waitFor(ping))) return null;
    return `Redis on ${where} did not start (start it: redis-server --port ${target.port})`;
  },

  async postgres() {
    const url = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const target = endpoint(url, 5432);
    // An SSLRequest: a PostgreSQL server answers one byte, S or N (a bare TCP connect can be
    // accepted by a proxy in between).
    const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
    const listening = () => answers(target, sslRequest, (data) => /^[SN]/.test(data.toString()));
    if (await listening()) return null;
    const where = `${target.host}:${target.port}`;
    if (!isLocal(target.host)) return `PostgreSQL at ${where} (TEST_PG_URL) is not answering`;
    const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql") : [];
    if (versions.length === 0 || !has("pg_ctlcluster")) {
      return `PostgreSQL on ${where} with trust auth for user postgres (install: sudo apt-get install -y postgresql, or set TEST_PG_URL)`;
    }
    const start = ["--skip-systemctl-redirect", versions.sort()[0], "main", "start"];
    if (run("pg_ctlcluster", start) && (await waitFor(listening))) return null;
    return `PostgreSQL on ${where} is installed but not running (start it: sudo pg_ctlcluster ${start.join(" ")})`;
  },
};

/** Meets the needs of `parts` or exits with one line naming everything still missing. */
export async function preflight(parts) {
  const needs = [...new Set(parts.flatMap((part) => NEEDS[part]))];
  const missing = [];
  for (const need of needs) {
    const problem = await CHECKS[need]();
    if (problem) missing.push(problem);
  }
  if (missing.length > 0) {
    console.error(`✗ the tests cannot run without: ${missing.join("; ")}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await preflight(selectedParts());
  console.log("✓ the machine has what the tests need");
}
