import net from "node:net";
import type Bull from "bull";
import { Redis } from "ioredis";
import type { Db } from "@crm/db";
import { waitFor } from "@crm/db/testing";

/** Shared by the worker tests: real Redis under a key prefix of their own, real database rows. */
export const REDIS_URL =
  process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export const newPrefix = () => `crm-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

export async function waitForState(
  queue: Bull.Queue,
  jobId: string | number,
  state: "completed" | "failed",
  timeoutMs?: number,
): Promise<Bull.Job> {
  return waitFor(
    `job ${jobId} to be ${state}`,
    async () => {
      const current = await (await queue.getJob(jobId))?.getState();
      // Read the job again once it is settled: the first read may predate its result.
      if (current === state) return (await queue.getJob(jobId))!;
      if (current === "failed" && state === "completed") {
        throw new Error(`job failed: ${(await queue.getJob(jobId))?.failedReason}`);
      }
      return null;
    },
    timeoutMs,
  );
}

export async function deleteKeys(prefixes: string[]) {
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

let seq = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${(seq += 1)}`;

export async function createComplex(db: Db) {
  const tag = unique();
  return db.complex.create({
    data: { name: `Complex ${tag}`, slug: `complex-${tag}`, city: "Tashkent", isPublished: true },
  });
}

export async function createFlat(
  db: Db,
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

export async function createLead(db: Db) {
  seq += 1;
  return db.lead.create({
    data: {
      fullName: "Aziz Karimov",
      phone: `+99890${String(1_000_000 + ((process.pid * 7919 + seq) % 8_999_999)).slice(-7)}`,
    },
  });
}

/** An unpaid instalment due `daysAgo` days ago (SCHEDULED, as the schedule wrote it). */
export async function createPaymentDue(db: Db, daysAgo: number) {
  const lead = await createLead(db);
  return db.payment.create({
    data: {
      leadId: lead.id,
      amount: 10_000_000_00n,
      currency: "UZS",
      dueDate: new Date(Date.now() - daysAgo * 86_400_000),
    },
  });
}

export async function overdueAudits(db: Db, paymentId: number) {
  return db.auditLog.findMany({
    where: { action: "payment.overdue", entityId: String(paymentId) },
  });
}

export interface FakeSmtp {
  port: number;
  messages: { from: string; rcpt: string[]; data: string }[];
  close(): Promise<void>;
}

/** Just enough SMTP for nodemailer: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
export async function startFakeSmtp(): Promise<FakeSmtp> {
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
