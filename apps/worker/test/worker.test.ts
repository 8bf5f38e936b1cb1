import type Bull from "bull";
import pino from "pino";
import type { JobName } from "@crm/contracts";
import { createDb, type Db } from "@crm/db";
import { createTestDatabase } from "@crm/db/testing";
import {
  createMailer,
  createQueue,
  jobRegistry,
  SCHEDULES,
  startBullWorker,
  type BullWorker,
} from "@crm/jobs";
import { parseEnv } from "../src/env";
import {
  createComplex as newComplex,
  createFlat as newFlat,
  createPaymentDue,
  deleteKeys,
  newPrefix,
  overdueAudits,
  REDIS_URL,
  startFakeSmtp,
  waitForState,
  type FakeSmtp,
} from "./helpers";

const logger = pino({ level: "silent" });

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let smtp: FakeSmtp;
let worker: BullWorker;
const prefix = newPrefix();
const usedPrefixes = [prefix];
const producers: Bull.Queue[] = [];

beforeAll(async () => {
  database = await createTestDatabase("worker");
  db = createDb({ url: database.url, poolSize: 2 });
  smtp = await startFakeSmtp();
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    from: "CRM <crm@example.uz>",
    logger,
  });
  // No schedules here: a repeatable run at a minute boundary would race the jobs under test.
  worker = await startBullWorker({
    redisUrl: REDIS_URL,
    prefix,
    db,
    logger,
    mailer,
    schedules: [],
  });
});

afterAll(async () => {
  await Promise.all(producers.map((queue) => queue.close()));
  await worker?.close();
  await db?.$disconnect();
  await smtp?.close();
  await deleteKeys(usedPrefixes);
  await database?.drop();
});

/** The API's side: a producer queue on the same Redis prefix. */
function producer(name: JobName): Bull.Queue {
  const queue = createQueue(jobRegistry[name], { redisUrl: REDIS_URL, prefix });
  producers.push(queue);
  return queue;
}

const createComplex = () => newComplex(db);
const createFlat = (complexId: number, data: Parameters<typeof newFlat>[2]) =>
  newFlat(db, complexId, data);

describe("release-expired-bookings", () => {
  it("frees BOOKED flats whose hold has expired, keeps the rest, and audits each release", async () => {
    const complex = await createComplex();
    const lead = await db.lead.create({
      data: { fullName: "Aziz Karimov", phone: "+998901234567" },
    });
    const hour = 3_600_000;
    const expired1 = await createFlat(complex.id, {
      status: "BOOKED",
      bookedUntil: new Date(Date.now() - hour),
      bookedLeadId: lead.id,
    });
    const expired2 = await createFlat(complex.id, {
      status: "BOOKED",
      bookedUntil: new Date(Date.now() - 1000),
    });
    const held = await createFlat(complex.id, {
      status: "BOOKED",
      bookedUntil: new Date(Date.now() + hour),
      bookedLeadId: lead.id,
    });
    const sold = await createFlat(complex.id, {
      status: "SOLD",
      bookedUntil: new Date(Date.now() - hour),
    });
    const free = await createFlat(complex.id, { status: "FREE" });

    const queue = producer("release-expired-bookings");
    const job = await queue.add({});
    expect(job.opts.attempts).toBe(5);
    expect(job.opts.backoff).toEqual({ type: "exponential", delay: 5_000 });
    const done = await waitForState(queue, job.id, "completed");
    expect(done.returnvalue).toEqual({ released: 2, complexIds: [complex.id] });

    const flats = new Map(
      (await db.apartment.findMany({ where: { complexId: complex.id } })).map((flat) => [
        flat.id,
        flat,
      ]),
    );
    for (const before of [expired1, expired2]) {
      const after = flats.get(before.id)!;
      expect(after).toMatchObject({
        status: "FREE",
        bookedLeadId: null,
        bookedUntil: null,
        version: before.version + 1,
      });
    }
    expect(flats.get(held.id)).toMatchObject({
      status: "BOOKED",
      bookedLeadId: lead.id,
      version: held.version,
    });
    expect(flats.get(sold.id)).toMatchObject({ status: "SOLD", version: sold.version });
    expect(flats.get(free.id)).toMatchObject({ status: "FREE", version: free.version });

    const audits = await db.auditLog.findMany({
      where: {
        action: "apartment.expire",
        entityId: { in: [expired1, expired2, held, sold, free].map((f) => String(f.id)) },
      },
      orderBy: { entityId: "asc" },
    });
    expect(audits.map((row) => row.entityId).sort()).toEqual(
      [String(expired1.id), String(expired2.id)].sort(),
    );
    const first = audits.find((row) => row.entityId === String(expired1.id))!;
    expect(first).toMatchObject({ entity: "Apartment", actorId: null, requestId: `job:${job.id}` });
    expect(JSON.parse(first.before!)).toMatchObject({ status: "BOOKED", bookedLeadId: lead.id });
    expect(JSON.parse(first.after!)).toMatchObject({ status: "FREE", bookedLeadId: null });
  });

  it("releases nothing the second time", async () => {
    const complex = await createComplex();
    await createFlat(complex.id, { status: "BOOKED", bookedUntil: new Date(Date.now() - 60_000) });
    const queue = producer("release-expired-bookings");
    const first = await waitForState(queue, (await queue.add({})).id, "completed");
    expect(first.returnvalue.released).toBeGreaterThanOrEqual(1);
    const second = await waitForState(queue, (await queue.add({})).id, "completed");
    expect(second.returnvalue).toEqual({ released: 0, complexIds: [] });
  });
});

describe("payload validation", () => {
  it("fails a job whose payload breaks the contract at once, without retries", async () => {
    const queue = producer("release-expired-bookings");
    const job = await queue.add({ unexpected: true } as never);
    const failed = await waitForState(queue, job.id, "failed");
    expect(failed.attemptsMade).toBe(1);
    expect(failed.opts.attempts).toBe(5);
    expect(failed.failedReason).toMatch(/invalid release-expired-bookings payload/);
    expect(await queue.getDelayedCount()).toBe(0);
  });

  it("lists the bad fields of an email job in its failure", async () => {
    const queue = producer("send-email");
    const job = await queue.add({ to: "not-an-email", subject: "", text: "hi" });
    const failed = await waitForState(queue, job.id, "failed");
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/to:/);
    expect(failed.failedReason).toMatch(/subject:/);
  });
});

describe("send-email", () => {
  it("delivers the email through SMTP", async () => {
    const queue = producer("send-email");
    const job = await queue.add({
      to: "buyer@example.uz",
      subject: "Ваша заявка принята",
      text: "Спасибо!",
    });
    const done = await waitForState(queue, job.id, "completed");
    expect(done.returnvalue).toMatchObject({ delivered: true });
    const message = smtp.messages.find((m) => m.rcpt.includes("<buyer@example.uz>"));
    expect(message).toBeDefined();
    expect(message!.from).toBe("<crm@example.uz>");
    expect(message!.data).toMatch(/Subject: /);
  });
});

describe("mark-overdue-payments", () => {
  it("marks unpaid instalments past due OVERDUE, audits each once, and leaves the rest", async () => {
    const late = await createPaymentDue(db, 2);
    const dueToday = await createPaymentDue(db, 0);
    const paid = await createPaymentDue(db, 3);
    await db.payment.update({ where: { id: paid.id }, data: { status: "PAID" } });

    const queue = producer("mark-overdue-payments");
    const job = await queue.add({});
    const done = await waitForState(queue, job.id, "completed");
    expect(done.returnvalue.marked).toBeGreaterThanOrEqual(1);
    const second = await waitForState(queue, (await queue.add({})).id, "completed");
    expect(second.returnvalue).toEqual({ marked: 0 });

    const byId = new Map(
      (await db.payment.findMany({ where: { id: { in: [late.id, dueToday.id, paid.id] } } })).map(
        (row) => [row.id, row.status],
      ),
    );
    expect(Object.fromEntries(byId)).toEqual({
      [late.id]: "OVERDUE",
      [dueToday.id]: "SCHEDULED",
      [paid.id]: "PAID",
    });
    const audits = await overdueAudits(db, late.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entity: "Payment",
      actorId: null,
      requestId: `job:${job.id}`,
    });
    expect(JSON.parse(audits[0]!.before!)).toEqual({ status: "SCHEDULED" });
    expect(JSON.parse(audits[0]!.after!)).toEqual({ status: "OVERDUE" });
    expect(await overdueAudits(db, dueToday.id)).toHaveLength(0);
  });
});

describe("sync-google-sheet", () => {
  it("syncs nothing while no sheet is linked; a sheet it cannot read is recorded on the complex, flats untouched", async () => {
    const queue = producer("sync-google-sheet");
    const idle = await waitForState(queue, (await queue.add({})).id, "completed");
    expect(idle.returnvalue).toEqual({ due: 0, synced: 0, failed: 0 });

    const complex = await createComplex();
    // Linked, but this worker has no service account: the sync fails and says why.
    await db.importSource.create({
      data: { complexId: complex.id, spreadsheetId: "1NoCredentialsSheet0000", syncEnabled: true },
    });
    try {
      const job = await queue.add({ complexId: complex.id });
      const done = await waitForState(queue, job.id, "completed");
      expect(done.returnvalue).toEqual({ due: 1, synced: 0, failed: 1 });
      const source = await db.importSource.findUniqueOrThrow({ where: { complexId: complex.id } });
      expect(source.lastStatus).toBe("failed");
      expect(source.lastError).toMatch(/not configured/);
      expect(await db.apartment.count({ where: { complexId: complex.id } })).toBe(0);
    } finally {
      await db.importSource.delete({ where: { complexId: complex.id } });
    }
  });
});

describe("warm-landing-cache", () => {
  it("runs and reports that it warmed nothing when given no landing cache", async () => {
    const queue = producer("warm-landing-cache");
    const done = await waitForState(queue, (await queue.add({})).id, "completed");
    expect(done.returnvalue).toEqual({ warmed: 0 });
  });
});

describe("schedules", () => {
  // Closing a bull worker right after it started can surface "Connection is closed" from a
  // blocking Redis command still in flight (nine queues, each with its own clients); the test
  // runs again from scratch, every assertion intact.
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
  it("registers one repeatable job per schedule however many workers start", async () => {
    const ownPrefix = newPrefix();
    usedPrefixes.push(ownPrefix);
    const options = { redisUrl: REDIS_URL, prefix: ownPrefix, db, logger };
    const a = await startBullWorker(options);
    const b = await startBullWorker(options);
    try {
      for (const schedule of SCHEDULES) {
        const repeatables = await a.queues.get(schedule.name)!.getRepeatableJobs();
        expect({ queue: schedule.name, every: repeatables.map((r) => Number(r.every)) }).toEqual({
          queue: schedule.name,
          every: [schedule.every],
        });
      }
      expect(await a.queues.get("send-email")!.getRepeatableJobs()).toEqual([]);
      expect(SCHEDULES.map((s) => [s.name, s.every])).toEqual([
        ["release-expired-bookings", 60_000],
        ["mark-overdue-payments", 60_000],
        ["warm-landing-cache", 900_000],
        ["sync-google-sheet", 60_000],
        ["close-attendance", 300_000],
        ["scan-reminders", 60_000],
        ["deliver-telegram", 60_000],
        ["deliver-emails", 60_000],
        ["purge-exports", 900_000],
        ["refresh-instagram-token", 21_600_000],
        ["fold-lead-counts", 60_000],
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("replaces a repeatable entry left with another interval", async () => {
    const ownPrefix = newPrefix();
    usedPrefixes.push(ownPrefix);
    const options = { redisUrl: REDIS_URL, prefix: ownPrefix, db, logger };
    const old = await startBullWorker({
      ...options,
      schedules: [{ name: "release-expired-bookings", every: 30_000, payload: {} }],
    });
    await old.close();
    const current = await startBullWorker(options);
    try {
      const repeatables = await current.queues.get("release-expired-bookings")!.getRepeatableJobs();
      expect(repeatables.map((r) => Number(r.every))).toEqual([60_000]);
    } finally {
      await current.close();
    }
  });
});

describe("env", () => {
  it("requires REDIS_URL and lists every bad field", () => {
    expect(() => parseEnv({ QUEUE_PREFIX: "bad prefix!", SMTP_URL: "http://x" })).toThrow(
      /REDIS_URL[\s\S]*QUEUE_PREFIX[\s\S]*SMTP_URL/,
    );
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" })).toMatchObject({
      QUEUE_PREFIX: "crm",
      DATABASE_URL: "file:./data/crm.db",
    });
    // Empty values (compose's `${SMTP_URL:-}`) count as unset.
    expect(parseEnv({ REDIS_URL: "redis://redis:6379", SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
});
