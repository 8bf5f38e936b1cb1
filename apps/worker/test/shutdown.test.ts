import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type Bull from "bull";
import pino from "pino";
import { createDb, type Db } from "@crm/db";
import { createTestDatabase, waitFor } from "@crm/db/testing";
import { createQueue, startBullWorker, type BullWorker } from "@crm/jobs";
import { probeJob } from "./fixtures/probe-job";
import {
  createPaymentDue,
  deleteKeys,
  newPrefix,
  overdueAudits,
  REDIS_URL,
  waitForState,
} from "./helpers";

/**
 * A worker is a real child process (tsx running the deployed entry with a slow probe job);
 * these tests kill or stop it mid-job and check that the job is finished — once in effect —
 * by it or by another worker.
 */
const logger = pino({ level: "silent" });
const FIXTURE = path.join(__dirname, "fixtures", "probe-worker.ts");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const prefixes: string[] = [];
const children = new Set<ChildProcess>();
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase("worker-shutdown");
  db = createDb({ url: database.url, poolSize: 2 });
});

afterEach(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  children.clear();
  await Promise.all(closers.splice(0).map((close) => close()));
});

afterAll(async () => {
  await db?.$disconnect();
  await deleteKeys(prefixes);
  await database?.drop();
});

interface WorkerChild {
  process: ChildProcess;
  /** Resolves with the first stdout line matching the pattern. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnWorker(prefix: string, env: Record<string, string>): WorkerChild {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: path.join(__dirname, ".."),
    env: {
      ...process.env,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: "2",
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      const match = stdout.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    exited,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const match = stdout.match(pattern);
        if (match) return resolve(match);
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`worker exited (${code ?? signal}) before ${pattern}:\n${stderr}`)),
        );
      }),
  };
}

/** A second worker in this process, running the same probe job without delay. */
async function rescuer(prefix: string): Promise<BullWorker> {
  const worker = await startBullWorker({
    redisUrl: REDIS_URL,
    prefix,
    db,
    logger,
    definitions: [probeJob({ holdMs: 0, by: "rescuer" })],
    schedules: [],
    locks: { lockDuration: 1_000, stalledInterval: 250 },
  });
  closers.push(() => worker.close());
  return worker;
}

function producerFor(prefix: string): Bull.Queue {
  const queue = createQueue(probeJob({ holdMs: 0, by: "-" }), { redisUrl: REDIS_URL, prefix });
  closers.push(() => queue.close());
  return queue;
}

function ownPrefix() {
  const prefix = newPrefix();
  prefixes.push(prefix);
  return prefix;
}

/** A child worker with the probe job in hand, and what it will act on. */
async function probeRunningIn(env: Record<string, string>) {
  const prefix = ownPrefix();
  const payment = await createPaymentDue(db, 2);
  const child = spawnWorker(prefix, env);
  await child.line(/^ready$/m);
  const queue = producerFor(prefix);
  const job = await queue.add({});
  const [, startedId] = await child.line(/^started (\S+)$/m);
  expect(startedId).toBe(String(job.id));
  return { prefix, payment, child, queue, job };
}

describe("a worker killed mid-job", () => {
  it("loses nothing: another worker takes the job over and its effect happens once", async () => {
    const { prefix, payment, child, queue, job } = await probeRunningIn({
      PROBE_HOLD_MS: "120000",
      JOB_LOCK_DURATION_MS: "1000",
      JOB_STALLED_INTERVAL_MS: "250",
    });

    child.process.kill("SIGKILL");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(await (await queue.getJob(job.id))!.getState()).toBe("active");

    await rescuer(prefix);
    const done = await waitForState(queue, job.id, "completed");
    expect(done.returnvalue).toEqual({ marked: 1, by: "rescuer" });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "OVERDUE",
    );
    const audits = await overdueAudits(db, payment.id);
    expect(audits.map((row) => row.requestId)).toEqual([`job:${job.id}`]);
  });
});

describe("SIGTERM", () => {
  it("lets the job in hand finish, then the worker exits cleanly", async () => {
    const { payment, child, queue, job } = await probeRunningIn({
      PROBE_HOLD_MS: "1500",
      SHUTDOWN_TIMEOUT_MS: "20000",
    });

    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    const done = await queue.getJob(job.id);
    expect(await done!.getState()).toBe("completed");
    expect(done!.returnvalue).toEqual({ marked: 1, by: "child" });
    expect(await overdueAudits(db, payment.id)).toHaveLength(1);
  });

  it("past the deadline hands the job back to the queue at once, and another worker finishes it", async () => {
    // A 60 s lock: only the hand-back, not a lapsed lock, can return the job within the wait.
    // (Workers of one queue share a stalled-check interval: the first to check sets the pace.)
    const { prefix, payment, child, queue, job } = await probeRunningIn({
      PROBE_HOLD_MS: "120000",
      SHUTDOWN_TIMEOUT_MS: "200",
      JOB_LOCK_DURATION_MS: "60000",
      JOB_STALLED_INTERVAL_MS: "250",
    });

    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    await rescuer(prefix);
    const done = await waitForState(queue, job.id, "completed", 10_000);
    expect(done.returnvalue).toEqual({ marked: 1, by: "rescuer" });
    // Handed back, not failed: the interrupted run did not use up an attempt.
    expect(done.attemptsMade).toBe(0);
    expect(await overdueAudits(db, payment.id)).toHaveLength(1);
    await waitFor("payment to be overdue", async () =>
      (await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status === "OVERDUE"
        ? true
        : null,
    );
  });
});
