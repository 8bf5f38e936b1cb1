// Shared by the benchmarks: an autocannon run with our own percentiles (autocannon reports no
// p95), and a child process started and waited for until it prints its port.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Raw latencies of one run (for runs split into rounds and summed, see `figuresOf`). */
export interface RawRun {
  latencies: number[];
  requests: number;
  seconds: number;
  errors: number;
}

/** The figures of one or more runs taken together. */
function figuresOf(...runs: RawRun[]): Figures {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    requests,
    rps: requests / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

export async function loadRaw(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds = SECONDS,
): Promise<RawRun> {
  const latencies: number[] = [];
  let errors = 0;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections, duration: seconds, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== 200) errors += 1;
    latencies.push(responseTime);
  });
  const result = await finished;
  return {
    latencies,
    requests: result.requests.total,
    seconds,
    errors: errors + result.errors + result.non2xx,
  };
}

/** Rounds each side of a comparison is split into (BENCH_ROUNDS, default 4). */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

/**
 * The API and its floor measured side by side: SECONDS each, in ROUNDS alternating rounds after
 * a short warm-up of both, so that whatever else the machine does weighs on both alike.
 */
export async function compare(
  api: { url: string; headers: Record<string, string> },
  floor: { url: string; headers: Record<string, string> },
  connections: number,
): Promise<{ api: Figures; floor: Figures }> {
  await loadRaw(api.url, api.headers, connections, 1);
  await loadRaw(floor.url, floor.headers, connections, 1);
  const round = Math.max(1, SECONDS / ROUNDS);
  const apiRuns: RawRun[] = [];
  const floorRuns: RawRun[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    apiRuns.push(await loadRaw(api.url, api.headers, connections, round));
    floorRuns.push(await loadRaw(floor.url, floor.headers, connections, round));
  }
  return { api: figuresOf(...apiRuns), floor: figuresOf(...floorRuns) };
}

export function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      // From here on the server's log is drained and dropped, not collected by this process.
      child.stdout!.off("data", onData).resume();
      child.stderr!.off("data", onData).resume();
      resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} exited ${code}: ${output}`)));
  });
}

export const fmt = (n: number) => n.toFixed(1).padStart(7);

/**
 * Bundles the API and starts it as production on a free port over the given database. With
 * BENCH_PROFILE=<dir> the API runs under `node --cpu-prof` and writes its CPU profile there when
 * it is stopped (see profile-summary.ts).
 */
export async function startBuiltApi(databaseUrl: string) {
  const apiDir = path.resolve(__dirname, "..");
  const bundle = spawn(process.execPath, ["../../scripts/bundle-app.mjs", "src/server.ts"], {
    cwd: apiDir,
    stdio: "inherit",
  });
  await new Promise((resolve) => bundle.on("exit", resolve));
  const profileDir = process.env.BENCH_PROFILE;
  const profile = profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`, "--cpu-prof-interval=200"]
    : [];
  return start(
    process.execPath,
    [...profile, path.join(apiDir, "dist/server.js")],
    {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "false",
      NODE_ENV: "production",
      JWT_SECRET: "bench-secret-bench-secret-bench-secret",
      RATE_LIMIT_MAX: "1000000000",
      LOG_LEVEL: "info",
    },
    /"port":(\d+)/,
  );
}
