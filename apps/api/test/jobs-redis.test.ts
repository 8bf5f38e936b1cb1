import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import type { App } from "../src/app";
import { Redis } from "ioredis";
import pino from "pino";
import request from "supertest";
import { buildPath, jobRoutes, ROLE_CODES, type TJob } from "@crm/contracts";
import {
  createBullJobs,
  createQueue,
  jobRegistry,
  startBullWorker,
  type BullWorker,
  type JobClient,
} from "@crm/jobs";
import { TEST_PASSWORD, useTestContext } from "./harness";
import { auditsOf, expiredHold, paymentDue, statusOf } from "./job-fixtures";
import { waitFor } from "@crm/db/testing";

/**
 * The API with REDIS_URL: it only enqueues and reads bull queues; a worker (started here, on the
 * same Redis prefix and database) runs the jobs.
 */
const ctx = useTestContext();
const logger = pino({ level: "silent" });
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `crm-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

let jobs: JobClient;
let worker: BullWorker;
let app: App;

beforeAll(async () => {
  jobs = createBullJobs({ redisUrl: REDIS_URL, prefix, logger });
  worker = await startBullWorker({
    redisUrl: REDIS_URL,
    prefix,
    db: ctx.db,
    reader: ctx.deps.reader,
    exportDir: fs.mkdtempSync(path.join(os.tmpdir(), "jobs-redis-")),
    logger,
  });
  app = ctx.appWith({}, { jobs });
});

afterAll(async () => {
  await jobs?.close();
  await worker?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

async function admin() {
  const { user } = await ctx.loginAs("ADMIN");
  const agent = request.agent(app);
  await agent.post("/api/auth/login").send({ login: user.login, password: TEST_PASSWORD });
  return agent;
}

async function settled(
  agent: request.Agent,
  queue: string,
  id: string,
  state: "completed" | "failed",
) {
  return waitFor(`${queue} job ${id} to be ${state}`, async () => {
    const res = await agent.get(`/api/jobs/${queue}?state=${state}`);
    return (res.body.items as TJob[]).find((item) => item.id === id) ?? null;
  });
}

describe("the Jobs API with Redis", () => {
  it("shows the queues and the schedules the worker registered", async () => {
    const res = await (await admin()).get("/api/jobs");
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe("redis");
    const overdue = (res.body.queues as { name: string; schedule: unknown }[]).find(
      (queue) => queue.name === "mark-overdue-payments",
    );
    expect(overdue).toMatchObject({
      schedule: { every: 60_000, payload: {}, nextRunAt: expect.any(String) },
      attempts: 5,
      concurrency: 1,
    });
  });

  it("runs the scheduled jobs now: the worker releases the hold and marks the instalment", async () => {
    const agent = await admin();
    const { flat } = await expiredHold(ctx.db);
    const payment = await paymentDue(ctx.db, 2);

    const overdue = await agent.post("/api/jobs/mark-overdue-payments/run");
    const release = await agent.post("/api/jobs/release-expired-bookings/run");
    expect([overdue.status, release.status]).toEqual([202, 202]);
    expect(overdue.body).toMatchObject({ state: "waiting", scheduled: false, payload: {} });

    const done = await settled(agent, "mark-overdue-payments", overdue.body.id, "completed");
    expect(done).toMatchObject({ attemptsMade: 0, result: { marked: 1 }, lastError: null });
    await settled(agent, "release-expired-bookings", release.body.id, "completed");
    expect(await statusOf(ctx.db, { flatId: flat.id, paymentId: payment.id })).toEqual({
      flat: "FREE",
      payment: "OVERDUE",
    });
    const audits = await auditsOf(ctx.db, "payment.overdue", payment.id);
    expect(audits.map((row) => row.requestId)).toEqual([`job:${overdue.body.id}`]);
  });

  it("keeps failed jobs visible, retries and removes them", async () => {
    const agent = await admin();
    const { user: owner } = await ctx.loginAs("ADMIN");
    // An export whose owner does not exist: the report is refused, for good (no retries).
    const row = await ctx.db.export.create({
      data: { userId: 2_000_000_000, kind: "deals", params: "{}", format: "csv" },
    });
    const job = await jobs.enqueue("generate-export", { exportId: row.id });
    const failed = await settled(agent, "generate-export", job.id, "failed");
    expect(failed).toMatchObject({
      payload: { exportId: row.id },
      attemptsMade: 1,
      attempts: 3,
      lastError: "The export's owner is inactive",
    });

    await ctx.db.export.update({
      where: { id: row.id },
      data: { userId: owner.id, status: "queued", error: null },
    });
    const retry = await agent.post(`/api/jobs/generate-export/${job.id}/retry`);
    expect(retry.status).toBe(202);
    const done = await settled(agent, "generate-export", job.id, "completed");
    expect(done.result).toMatchObject({ status: "ready" });
    expect((await agent.post(`/api/jobs/generate-export/${job.id}/retry`)).status).toBe(409);

    expect((await agent.delete(`/api/jobs/generate-export/${job.id}`)).status).toBe(204);
    expect((await agent.delete(`/api/jobs/generate-export/${job.id}`)).status).toBe(404);
    expect((await agent.post("/api/jobs/generate-export/999999/retry")).status).toBe(404);
  });

  it("keeps a schedule's next run: it cannot be removed", async () => {
    const agent = await admin();
    // The quarter-hourly schedule: its next run is not due while the test runs.
    const list = () => agent.get("/api/jobs/warm-landing-cache?state=delayed");
    const next = ((await list()).body.items as TJob[]).find((item) => item.scheduled);
    expect(next).toMatchObject({ state: "delayed", runAt: expect.any(String) });
    expect(Date.parse(next!.runAt!) % 900_000).toBe(0);
    const res = await agent.delete(`/api/jobs/warm-landing-cache/${next!.id}`);
    expect(res.status).toBe(409);
    expect(((await list()).body.items as TJob[]).map((item) => item.id)).toContain(next!.id);
  });

  it("shows a job whose payload broke its contract as failed at once, without retries", async () => {
    const agent = await admin();
    // An older producer's job, added straight to the queue.
    const producer = createQueue(jobRegistry["release-expired-bookings"], {
      redisUrl: REDIS_URL,
      prefix,
    });
    try {
      const job = await producer.add({ unexpected: true });
      const failed = await settled(agent, "release-expired-bookings", String(job.id), "failed");
      expect(failed).toMatchObject({ attemptsMade: 1, attempts: 5, runAt: null });
      expect(failed.lastError).toMatch(/^invalid release-expired-bookings payload/);
    } finally {
      await producer.close();
    }
  });

  it("is for ADMIN only", async () => {
    for (const role of ROLE_CODES) {
      const { user } = await ctx.loginAs(role);
      const agent = request.agent(app);
      await agent.post("/api/auth/login").send({ login: user.login, password: TEST_PASSWORD });
      for (const route of Object.values(jobRoutes)) {
        const path = buildPath(route.path, { queue: "warm-landing-cache", id: "999999" });
        const res = await agent[route.method](path);
        const outcome = res.status === 403 ? "forbidden" : res.status === 401 ? "anonymous" : "in";
        expect({ role, route: `${route.method} ${route.path}`, outcome }).toEqual({
          role,
          route: `${route.method} ${route.path}`,
          outcome: role === "ADMIN" ? "in" : "forbidden",
        });
      }
    }
  });

  it("answers 503 when Redis does not answer", async () => {
    // A server that takes the connection and never replies, as a hung Redis does.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const hung = createBullJobs({
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix,
      logger,
      timeoutMs: 300,
    });
    try {
      const { user } = await ctx.loginAs("ADMIN");
      const agent = request.agent(ctx.appWith({}, { jobs: hung }));
      await agent.post("/api/auth/login").send({ login: user.login, password: TEST_PASSWORD });
      const res = await agent.get("/api/jobs");
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("UNAVAILABLE");
    } finally {
      await hung.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
