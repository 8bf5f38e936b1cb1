import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import request from "supertest";
import { z } from "zod";
import {
  createInProcessJobs,
  defineJob,
  JOBS,
  jobRegistry,
  SCHEDULES,
  type InProcessJobs,
  type InProcessJobsOptions,
  type JobDefinition,
} from "@crm/jobs";
import type { App } from "../src/app";
import { TEST_PASSWORD, useTestContext } from "./harness";
import { auditsOf, expiredHold, paymentDue, statusOf } from "./job-fixtures";
import { waitFor } from "@crm/db/testing";

const ctx = useTestContext();
const logger = pino({ level: "silent" });
const runners: InProcessJobs[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close({ deadlineMs: 1_000 })));
});

/** A started in-process runner on this file's database, stopped after the test. */
function runner(options: Partial<InProcessJobsOptions> = {}): InProcessJobs {
  const jobs = createInProcessJobs({ db: ctx.db, logger, schedules: [], pollMs: 25, ...options });
  runners.push(jobs);
  jobs.start();
  return jobs;
}

const runOf = (id: string | number) =>
  ctx.db.jobRun.findUniqueOrThrow({ where: { id: Number(id) } });

async function settled(id: string | number, state: "completed" | "failed") {
  return waitFor(`run ${id} to be ${state}`, async () => {
    const row = await runOf(id);
    return row.state === state ? row : null;
  });
}

/** A test job: fails its first `failures` attempts, or hangs until aborted, then answers. */
function probe(name: string, behaviour: { failures?: number; hang?: boolean; timeoutMs?: number }) {
  const calls: string[] = [];
  const definition = defineJob({
    name,
    payload: z.strictObject({ n: z.number().optional() }),
    attempts: 3,
    backoff: { type: "fixed", delay: 30 },
    timeoutMs: behaviour.timeoutMs ?? 10_000,
    concurrency: 1,
    async handle(_payload, _deps, context) {
      calls.push(context.jobId);
      if (behaviour.hang) {
        await new Promise((_resolve, reject) =>
          context.signal.addEventListener("abort", () => reject(context.signal.reason as Error)),
        );
      }
      if (calls.length <= (behaviour.failures ?? 0)) throw new Error(`failure ${calls.length}`);
      return { calls: calls.length };
    },
  });
  return { definition: definition as JobDefinition, calls };
}

describe("in-process jobs: the scheduled work", () => {
  it("releases expired holds and marks past-due instalments on their schedules", async () => {
    const { flat, lead } = await expiredHold(ctx.db);
    const late = await paymentDue(ctx.db, 2);
    const today = await paymentDue(ctx.db, 0);
    runner({
      schedules: [
        { name: "release-expired-bookings", every: 100, payload: {} },
        { name: "mark-overdue-payments", every: 100, payload: {} },
      ],
    });
    await waitFor("hold released and payment marked", async () => {
      const now = await statusOf(ctx.db, { flatId: flat.id, paymentId: late.id });
      return now.flat === "FREE" && now.payment === "OVERDUE";
    });
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe(
      "IN_PROGRESS",
    );
    expect((await statusOf(ctx.db, { paymentId: today.id })).payment).toBe("SCHEDULED");

    const [overdue] = await auditsOf(ctx.db, "payment.overdue", late.id);
    const [expire] = await auditsOf(ctx.db, "apartment.expire", flat.id);
    // Each change is audited once, by the scheduled run that made it.
    expect(await auditsOf(ctx.db, "payment.overdue", late.id)).toHaveLength(1);
    expect(await auditsOf(ctx.db, "apartment.expire", flat.id)).toHaveLength(1);
    for (const row of [overdue!, expire!]) {
      const run = await runOf(row.requestId!.replace("job:", ""));
      expect(run).toMatchObject({ state: "completed", attemptsMade: 1 });
      expect(run.tickKey).toMatch(/^(mark-overdue-payments|release-expired-bookings)@\d+$/);
    }
  });

  it("runs each tick once when two runners share the database", async () => {
    const attempts: { jobId: string; attempt: number }[] = [];
    // The real job under a queue of this test's own, so no run left by another test joins in.
    const counted: JobDefinition = {
      ...(jobRegistry["mark-overdue-payments"] as JobDefinition),
      name: "overdue-two-runners",
      handle: (payload, deps, context) => {
        attempts.push({ jobId: context.jobId, attempt: context.attempt });
        return jobRegistry["mark-overdue-payments"].handle(payload as never, deps, context);
      },
    };
    const schedules = [{ name: "overdue-two-runners", every: 150, payload: {} }];
    const payment = await paymentDue(ctx.db, 2);
    runner({ definitions: [counted], schedules });
    runner({ definitions: [counted], schedules });
    await waitFor("five ticks", async () => attempts.length >= 5);
    const seen = [...attempts];

    // No attempt ran twice (a retry after a failure would be a new attempt of the same run).
    const keys = seen.map((a) => `${a.jobId}#${a.attempt}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every run is a tick of its own, on the schedule's grid.
    const runIds = [...new Set(seen.map((a) => Number(a.jobId)))];
    const rows = await ctx.db.jobRun.findMany({
      where: { id: { in: runIds } },
      select: { tickKey: true },
    });
    const ticks = rows.map((row) => Number(row.tickKey!.split("@")[1]));
    expect(ticks).toHaveLength(runIds.length);
    expect(new Set(ticks).size).toBe(runIds.length);
    expect(ticks.every((tick) => tick % 150 === 0)).toBe(true);
    expect(await auditsOf(ctx.db, "payment.overdue", payment.id)).toHaveLength(1);
  });

  it("never overlaps a schedule with itself: a tick is skipped while its previous run goes on", async () => {
    const slow = probe("slow", { hang: true });
    const skipped: unknown[] = [];
    // The runner says when it skips a tick; the test waits for that instead of for time.
    const listening = pino(
      { level: "debug" },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          const line = JSON.parse(chunk.toString("utf8")) as { msg: string };
          if (line.msg.includes("tick skipped")) skipped.push(line);
          done();
        },
      }),
    );
    const jobs = runner({
      logger: listening,
      definitions: [slow.definition],
      schedules: [{ name: "slow", every: 50, payload: {} }],
    });
    await waitFor("three skipped ticks", async () => skipped.length >= 3);
    expect(slow.calls).toHaveLength(1);
    expect(await ctx.db.jobRun.count({ where: { queue: "slow" } })).toBe(1);
    await jobs.close({ deadlineMs: 10 });
  });
});

describe("in-process jobs: attempts, backoff, timeout, retention, shutdown", () => {
  it("retries a failing run after its backoff and keeps the last error", async () => {
    const flaky = probe("flaky", { failures: 2 });
    const jobs = runner({ definitions: [flaky.definition] });
    const job = await jobs.enqueue("flaky" as never, { n: 1 } as never);
    const done = await settled(job.id, "completed");
    expect(done).toMatchObject({ attemptsMade: 3, attempts: 3, lastError: "failure 2" });
    expect(JSON.parse(done.result!)).toEqual({ calls: 3 });
  });

  it("fails a run for good once its attempts are used up, and keeps it", async () => {
    const broken = probe("broken", { failures: 99 });
    const jobs = runner({ definitions: [broken.definition] });
    const job = await jobs.enqueue("broken" as never, {} as never);
    const failed = await settled(job.id, "failed");
    expect(failed).toMatchObject({ attemptsMade: 3, lastError: "failure 3" });
    expect(broken.calls).toHaveLength(3);
  });

  it("fails an attempt that outlives its timeout", async () => {
    const hanging = probe("hanging", { hang: true, timeoutMs: 50 });
    const jobs = runner({ definitions: [{ ...hanging.definition, attempts: 1 }] });
    const job = await jobs.enqueue("hanging" as never, {} as never);
    expect(await settled(job.id, "failed")).toMatchObject({
      attemptsMade: 1,
      lastError: "timed out after 50 ms",
    });
  });

  it("fails a run whose stored payload breaks its schema at once, without retries", async () => {
    // As an older or broken producer would have left it: enqueue itself refuses such payloads.
    const row = await ctx.db.jobRun.create({
      data: {
        queue: "release-expired-bookings",
        payload: JSON.stringify({ unexpected: true }),
        state: "waiting",
        attempts: 5,
        runAt: new Date(),
      },
    });
    runner();
    const failed = await settled(row.id, "failed");
    expect(failed.attemptsMade).toBe(1);
    expect(failed.lastError).toMatch(/^invalid release-expired-bookings payload: \(root\): /);
    await expect(
      ctx.deps.jobs.enqueue("send-email", { to: "nobody", subject: "", text: "x" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("keeps only the newest finished runs of a queue", async () => {
    const quick = probe("quick", {});
    const jobs = runner({ definitions: [quick.definition], keep: { completed: 2, failed: 2 } });
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      ids.push((await jobs.enqueue("quick" as never, { n } as never)).id);
      await settled(ids.at(-1)!, "completed");
    }
    // Trimming follows each run's completion: wait for it to catch up with the last one.
    const kept = () =>
      ctx.db.jobRun
        .findMany({ where: { queue: "quick" }, orderBy: { id: "asc" }, select: { id: true } })
        .then((rows) => rows.map((row) => String(row.id)));
    await waitFor("the older runs to be trimmed", async () => (await kept()).length <= 2);
    expect(await kept()).toEqual(ids.slice(-2));
  });

  it("lets a run in hand finish on close", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const gated = defineJob({
      ...probe("gated", {}).definition,
      async handle(_payload, _deps, context) {
        started.push(context.jobId);
        await gate;
        return { done: true };
      },
    }) as JobDefinition;
    const jobs = runner({ definitions: [gated] });
    const job = await jobs.enqueue("gated" as never, {} as never);
    await waitFor("the run to start", async () => started.length === 1);
    const closing = jobs.close({ deadlineMs: 10_000 });
    release();
    await closing;
    expect(await runOf(job.id)).toMatchObject({ state: "completed", attemptsMade: 1 });
  });

  it("hands a run back at the close deadline, and the next start finishes it", async () => {
    const hanging = probe("handback", { hang: true });
    const first = runner({ definitions: [hanging.definition] });
    const job = await first.enqueue("handback" as never, {} as never);
    await waitFor("the run to start", async () => hanging.calls.length === 1);
    await first.close({ deadlineMs: 50 });
    expect(await runOf(job.id)).toMatchObject({ state: "waiting", attemptsMade: 0 });

    const quick = probe("handback", {});
    runner({ definitions: [quick.definition] });
    expect(await settled(job.id, "completed")).toMatchObject({ attemptsMade: 1 });
    expect(quick.calls).toEqual([job.id]);
  });

  it("takes again a run left active by a process that died, once its claim has lapsed", async () => {
    const quick = probe("orphan", {});
    const row = await ctx.db.jobRun.create({
      data: {
        queue: "orphan",
        payload: "{}",
        state: "active",
        attemptsMade: 1,
        attempts: 3,
        runAt: new Date(Date.now() - 120_000),
        startedAt: new Date(Date.now() - 120_000),
        lockedUntil: new Date(Date.now() - 1_000),
      },
    });
    runner({ definitions: [quick.definition] });
    expect(await settled(row.id, "completed")).toMatchObject({ attemptsMade: 2 });
  });
});

describe("the Jobs API, in-process", () => {
  /** An admin signed in on an app whose job client is `jobs`. */
  async function adminOn(app: App) {
    const { user } = await ctx.loginAs("ADMIN");
    const agent = request.agent(app);
    await agent.post("/api/auth/login").send({ login: user.login, password: TEST_PASSWORD });
    return agent;
  }

  it("lists every queue with its counts and schedule", async () => {
    const jobs = runner({ definitions: JOBS, schedules: SCHEDULES });
    const res = await (await adminOn(ctx.appWith({}, { jobs }))).get("/api/jobs");
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe("in-process");
    const byName = Object.fromEntries(
      (res.body.queues as { name: string; schedule: { nextRunAt: string } | null }[]).map((q) => [
        q.name,
        q,
      ]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      "close-attendance",
      "deliver-emails",
      "deliver-telegram",
      "fold-lead-counts",
      "generate-export",
      "import-flats",
      "mark-overdue-payments",
      "purge-exports",
      "refresh-instagram-token",
      "release-expired-bookings",
      "scan-reminders",
      "send-email",
      "sync-google-sheet",
      "warm-landing-cache",
    ]);
    expect(byName["generate-export"]!.schedule).toBeNull();
    expect(byName["deliver-emails"]!.schedule).toMatchObject({ every: 60_000 });
    expect(byName["scan-reminders"]!.schedule).toMatchObject({ every: 60_000 });
    expect(byName["send-email"]!.schedule).toBeNull();
    expect(byName["warm-landing-cache"]).toMatchObject({
      schedule: { every: 900_000, payload: {} },
      counts: { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 },
      attempts: 1,
    });
    // The next tick: the next quarter hour.
    const next = Date.parse(byName["warm-landing-cache"]!.schedule!.nextRunAt);
    expect(next % 900_000).toBe(0);
    expect(next - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it("runs a scheduled job now and shows the run, then refuses to run an unscheduled one", async () => {
    const jobs = runner({ schedules: SCHEDULES });
    const agent = await adminOn(ctx.appWith({}, { jobs }));
    const payment = await paymentDue(ctx.db, 5);

    const run = await agent.post("/api/jobs/mark-overdue-payments/run");
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({
      queue: "mark-overdue-payments",
      state: "waiting",
      payload: {},
      scheduled: false,
      attempts: 5,
    });
    await settled(run.body.id, "completed");
    expect((await statusOf(ctx.db, { paymentId: payment.id })).payment).toBe("OVERDUE");
    const list = await agent.get("/api/jobs/mark-overdue-payments?state=completed");
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id: run.body.id,
      state: "completed",
      attemptsMade: 1,
      result: { marked: expect.any(Number) },
      lastError: null,
    });
    expect(list.body.items[0].finishedAt).toEqual(expect.any(String));

    const unscheduled = await agent.post("/api/jobs/send-email/run");
    expect(unscheduled.status).toBe(409);
    expect(unscheduled.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("keeps a failed job visible with its error, retries it, and removes it", async () => {
    const jobs = runner({
      reader: ctx.deps.reader,
      exportDir: fs.mkdtempSync(path.join(os.tmpdir(), "jobs-")),
    });
    const agent = await adminOn(ctx.appWith({}, { jobs }));
    const { user: admin } = await ctx.loginAs("ADMIN");
    // An export whose owner does not exist: the report is refused, for good (no retries).
    const row = await ctx.db.export.create({
      data: { userId: 2_000_000_000, kind: "deals", params: "{}", format: "csv" },
    });
    const job = await jobs.enqueue("generate-export", { exportId: row.id });
    await settled(job.id, "failed");
    const failed = await agent.get("/api/jobs/generate-export?state=failed");
    expect(failed.body.items).toContainEqual(
      expect.objectContaining({
        id: job.id,
        payload: { exportId: row.id },
        attemptsMade: 1,
        lastError: "The export's owner is inactive",
      }),
    );
    expect((await agent.get("/api/jobs")).body.queues).toContainEqual(
      expect.objectContaining({
        name: "generate-export",
        counts: expect.objectContaining({ failed: 1 }),
      }),
    );

    // The cause goes away; the retried run succeeds.
    await ctx.db.export.update({
      where: { id: row.id },
      data: { userId: admin.id, status: "queued", error: null },
    });
    const retry = await agent.post(`/api/jobs/generate-export/${job.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id: job.id, state: "waiting" });
    const done = await settled(job.id, "completed");
    expect(JSON.parse(done.result!)).toMatchObject({ status: "ready" });
    expect((await agent.post(`/api/jobs/generate-export/${job.id}/retry`)).status).toBe(409);

    expect((await agent.delete(`/api/jobs/generate-export/${job.id}`)).status).toBe(204);
    expect((await agent.delete(`/api/jobs/generate-export/${job.id}`)).status).toBe(404);
    expect((await agent.post(`/api/jobs/generate-export/${job.id}/retry`)).status).toBe(404);
    expect((await agent.post("/api/jobs/generate-export/not-a-run/retry")).status).toBe(404);
    expect(await ctx.db.jobRun.count({ where: { id: Number(job.id) } })).toBe(0);
  });

  it("answers bad input with a problem and changes nothing", async () => {
    const agent = await adminOn(ctx.app);
    const before = await ctx.db.jobRun.count();
    for (const [method, path] of [
      ["get", "/api/jobs/no-such-queue"],
      ["get", "/api/jobs/send-email?state=lost"],
      ["get", "/api/jobs/send-email?limit=0"],
      ["post", "/api/jobs/no-such-queue/run"],
      ["delete", "/api/jobs/no-such-queue/1"],
    ] as const) {
      const res = await agent[method](path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 400,
        code: "VALIDATION_FAILED",
      });
    }
    expect(await ctx.db.jobRun.count()).toBe(before);
  });
});
