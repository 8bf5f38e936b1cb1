import pino from "pino";
import { createDb, type Db } from "@crm/db";
import { createTestDatabase, waitFor } from "@crm/db/testing";
import { jobRegistry, startBullWorker, type BullWorker, type JobDefinition } from "@crm/jobs";
import { createPaymentDue, deleteKeys, newPrefix, overdueAudits, REDIS_URL } from "./helpers";

const logger = pino({ level: "silent" });
const EVERY = 400;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const prefix = newPrefix();
const workers: BullWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase("worker-ticks");
  db = createDb({ url: database.url, poolSize: 4 });
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  await db?.$disconnect();
  await deleteKeys([prefix]);
  await database?.drop();
});

describe("a schedule on two workers", () => {
  it("runs each tick once: one run per tick between them, one audit row per payment", async () => {
    const runs: { worker: string; jobId: string; attempt: number }[] = [];
    // The real job, counting its runs per worker.
    const counted = (worker: string): JobDefinition => ({
      ...(jobRegistry["mark-overdue-payments"] as JobDefinition),
      handle: (payload, deps, context) => {
        runs.push({ worker, jobId: context.jobId, attempt: context.attempt });
        return jobRegistry["mark-overdue-payments"].handle(payload as never, deps, context);
      },
    });
    const schedule = { name: "mark-overdue-payments", every: EVERY, payload: {} };
    const first = await createPaymentDue(db, 2);
    for (const name of ["a", "b"]) {
      workers.push(
        await startBullWorker({
          redisUrl: REDIS_URL,
          prefix,
          db,
          logger,
          definitions: [counted(name)],
          schedules: [schedule],
        }),
      );
    }
    const queue = workers[0]!.queues.get("mark-overdue-payments")!;
    expect(await queue.getRepeatableJobs()).toHaveLength(1);

    await waitFor("the first payment to be marked", async () =>
      (await db.payment.findUniqueOrThrow({ where: { id: first.id } })).status === "OVERDUE"
        ? true
        : null,
    );
    const second = await createPaymentDue(db, 3);
    await waitFor("the second payment to be marked", async () =>
      (await db.payment.findUniqueOrThrow({ where: { id: second.id } })).status === "OVERDUE"
        ? true
        : null,
    );
    await waitFor("six ticks", async () => runs.length >= 6);
    const seen = [...runs];

    // No attempt ran on both workers (a retry after a failure would be a new attempt).
    const keys = seen.map((run) => `${run.jobId}#${run.attempt}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A tick's job id ends in its time: one job per tick, on the schedule's grid.
    const jobIds = [...new Set(seen.map((run) => run.jobId))];
    const ticks = jobIds.map((jobId) => Number(jobId.split(":").pop()));
    expect(ticks.every((tick) => tick % EVERY === 0)).toBe(true);
    expect(new Set(ticks).size).toBe(jobIds.length);
    expect(await overdueAudits(db, first.id)).toHaveLength(1);
    expect(await overdueAudits(db, second.id)).toHaveLength(1);
    const completed = await queue.getCompleted();
    const marked = completed.reduce(
      (sum, job) => sum + (job.returnvalue as { marked: number }).marked,
      0,
    );
    expect(marked).toBe(2);
  });
});
