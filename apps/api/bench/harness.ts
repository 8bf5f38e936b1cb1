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

export async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections, duration: SECONDS, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== 200) errors += 1;
    latencies.push(responseTime);
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.total / SECONDS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.non2xx,
  };
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

/** Bundles the API and starts it as production on a free port over the given database. */
export async function startBuiltApi(databaseUrl: string) {
  const apiDir = path.resolve(__dirname, "..");
  const bundle = spawn(process.execPath, ["../../scripts/bundle-app.mjs", "src/server.ts"], {
    cwd: apiDir,
    stdio: "inherit",
  });
  await new Promise((resolve) => bundle.on("exit", resolve));
  return start(
    process.execPath,
    [path.join(apiDir, "dist/server.js")],
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
