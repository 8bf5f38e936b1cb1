import net from "node:net";
import { Redis } from "ioredis";
import pino from "pino";
import type { JobName } from "@crm/contracts";
import { createDb, type Db } from "@crm/db";
import { createTestDatabase } from "@crm/db/testing";
import { parseEnv } from "./env";
import { createMailer } from "./mailer";
import { createQueue, type JobQueue } from "./queues";
import { startWorker, type RunningWorker } from "./worker";

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = pino({ level: "silent" });
const newPrefix = () => `crm-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let smtp: FakeSmtp;
let worker: RunningWorker;
const prefix = newPrefix();
const usedPrefixes = [prefix];
const producers: JobQueue[] = [];

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
  worker = await startWorker({ redisUrl: REDIS_URL, prefix, db, logger, mailer, schedules: {} });
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
function producer<N extends JobName>(name: N): JobQueue<N> {
  const queue = createQueue(name, { redisUrl: REDIS_URL, prefix });
  producers.push(queue as unknown as JobQueue);
  return queue;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForState(
  queue: JobQueue,
  jobId: string | number,
  state: "completed" | "failed",
) {
  return waitFor(`job ${jobId} to be ${state}`, async () => {
    const current = await (await queue.getJob(jobId))?.getState();
    // Read the job again once it is settled: the first read may predate its result.
    if (current === state) return (await queue.getJob(jobId))!;
    if (current === "failed" && state === "completed") {
      throw new Error(`job failed: ${(await queue.getJob(jobId))?.failedReason}`);
    }
    return null;
  });
}

let seq = 0;
async function createComplex() {
  seq += 1;
  return db.complex.create({
    data: {
      name: `Complex ${seq}`,
      slug: `complex-${seq}-${process.pid}`,
      city: "Tashkent",
      isPublished: true,
    },
  });
}

async function createFlat(
  complexId: number,
  data: { status: "FREE" | "BOOKED" | "SOLD"; bookedUntil?: Date; bookedLeadId?: number },
) {
  seq += 1;
  return db.apartment.create({
    data: {
      complexId,
      block: "A",
      floor: 1 + (seq % 9),
      number: `${seq}`,
      rooms: 2,
      area: 54.5,
      price: 65_000_000_000n,
      ...data,
    },
  });
}

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

describe("schedules", () => {
  it("registers one repeatable release job per minute however many workers start", async () => {
    const ownPrefix = newPrefix();
    usedPrefixes.push(ownPrefix);
    const options = { redisUrl: REDIS_URL, prefix: ownPrefix, db, logger };
    const a = await startWorker(options);
    const b = await startWorker({ ...options, schedules: { "release-expired-bookings": 60_000 } });
    try {
      const repeatables = await a.queues.get("release-expired-bookings")!.getRepeatableJobs();
      expect(repeatables).toHaveLength(1);
      expect(Number(repeatables[0]!.every)).toBe(60_000);
    } finally {
      await Promise.all([a.close(), b.close()]);
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

async function deleteKeys(prefixes: string[]) {
  const redis = new Redis(REDIS_URL);
  try {
    for (const p of prefixes) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${p}:*`, "COUNT", 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== "0");
    }
  } finally {
    await redis.quit();
  }
}

interface FakeSmtp {
  port: number;
  messages: { from: string; rcpt: string[]; data: string }[];
  close(): Promise<void>;
}

/** Just enough SMTP for nodemailer: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
async function startFakeSmtp(): Promise<FakeSmtp> {
  const messages: FakeSmtp["messages"] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = "";
    let inData = false;
    let current = { from: "", rcpt: [] as string[], data: "" };
    socket.write("220 fake.smtp ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push(current);
            current = { from: "", rcpt: [], data: "" };
            socket.write("250 OK queued\r\n");
          } else current.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake.smtp\r\n");
        else if (verb === "MAIL") {
          current.from = line.replace(/^MAIL FROM:\s*/i, "").split(" ")[0]!;
          socket.write("250 OK\r\n");
        } else if (verb === "RCPT") {
          current.rcpt.push(line.replace(/^RCPT TO:\s*/i, "").split(" ")[0]!);
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 End data with <CR><LF>.<CR><LF>\r\n");
        } else if (verb === "QUIT") socket.end("221 Bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
