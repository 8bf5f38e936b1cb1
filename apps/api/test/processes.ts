import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/** Polls `probe` until it returns a value other than undefined/false, or fails at the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Sends PING over a plain socket; resolves true on +PONG. */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL, as in a crash; resolves when the process is gone. */
  kill(): Promise<void>;
}

/** A redis-server of the test's own on a free (or the given) port, nothing persisted. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    "redis-server",
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  await Promise.race([eventually("redis-server", () => redisAnswers(chosen)), failed]);
  failed.catch(() => undefined);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}

export interface ApiProcess {
  child: ChildProcess;
  /** Every line the process wrote to stdout and stderr. */
  lines: string[];
  /** The port from the "listening" log line. */
  port: () => Promise<number>;
  exit: Promise<number | null>;
  stop(): Promise<void>;
}

const apiDir = path.resolve(__dirname, "..");

/** `tsx src/server.ts` as a child process, as an operator would start it (PORT 0: any port). */
export function spawnApi(env: Record<string, string>): ApiProcess {
  const child = spawn(
    process.execPath,
    [path.join(apiDir, "node_modules/tsx/dist/cli.mjs"), "src/server.ts"],
    {
      cwd: apiDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "development",
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        JWT_SECRET: "startup-test-secret-startup-test-secret",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts.filter(Boolean));
    });
    stream.on("end", () => {
      if (rest) lines.push(rest);
    });
  }
  const exit = new Promise<number | null>((resolve) => child.once("close", resolve));
  return {
    child,
    lines,
    exit,
    port: () =>
      Promise.race([
        eventually(
          "the API to listen",
          () => {
            for (const line of lines) {
              if (!line.startsWith("{")) continue;
              const port = (JSON.parse(line) as { port?: number }).port;
              if (port) return port;
            }
            return undefined;
          },
          90_000,
        ),
        exit.then((code) => {
          throw new Error(`the API exited (${code}) before listening:\n${lines.join("\n")}`);
        }),
      ]),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exit;
    },
  };
}
