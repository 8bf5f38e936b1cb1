import pg from "pg";
import request from "supertest";
import { Prisma, createReader, type SqlReader } from "@crm/db";
import { createRedis, RedisLink } from "../src/redis";
import { testProvider } from "./databases";
import { TEST_PASSWORD, useTestContext } from "./harness";

/**
 * DATABASE_READ_URL: the hot reads go to a replica and everything else to the primary. The
 * "replica" here is the test's database seen through a read-only connection (a PostgreSQL role
 * whose transactions are read-only; on SQLite a read-only handle), so any write misrouted to it
 * fails. Both readers are counted to see which one answered.
 */
const ctx = useTestContext();

interface Counted extends SqlReader {
  calls: number;
}
function counted(reader: SqlReader): Counted {
  const wrapped: Counted = {
    provider: reader.provider,
    calls: 0,
    all: (query) => {
      wrapped.calls += 1;
      return reader.all(query);
    },
    close: () => reader.close(),
  };
  return wrapped;
}

async function login(app: Parameters<typeof request.agent>[0], userLogin: string) {
  const agent = request.agent(app);
  const res = await agent
    .post("/api/auth/login")
    .send({ login: userLogin, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  return agent;
}

describe("read replica", () => {
  let replicaUrl: string;
  let dropRole = async () => undefined as void;

  beforeAll(async () => {
    if (testProvider() === "sqlite") {
      replicaUrl = ctx.url;
      return;
    }
    const role = `crm_replica_${process.pid}`;
    const admin = new pg.Client({ connectionString: ctx.url });
    await admin.connect();
    const database = new URL(ctx.url).pathname.slice(1);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    await admin.query(`GRANT CONNECT ON DATABASE "${database}" TO ${role}`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    await admin.end();
    const url = new URL(ctx.url);
    url.username = role;
    replicaUrl = url.toString();
    dropRole = async () => {
      const client = new pg.Client({ connectionString: ctx.url });
      await client.connect();
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await client.query(`REVOKE ALL ON SCHEMA public FROM ${role}`);
      await client.query(`REVOKE ALL ON DATABASE "${database}" FROM ${role}`);
      await client.end();
      // The role may still own a session for a moment; dropping it is best effort.
      const drop = new pg.Client({ connectionString: ctx.url });
      await drop.connect();
      await drop.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await drop.end();
    };
  });
  afterAll(async () => dropRole());

  it("refuses a write, so a write sent to it would fail loudly", async () => {
    const replica = createReader({ url: replicaUrl, poolSize: 1 });
    try {
      await expect(
        replica.all(Prisma.sql`UPDATE "Role" SET "name" = "name" WHERE "id" > ${0} RETURNING "id"`),
      ).rejects.toMatchObject({
        // better-sqlite3's errors come from another realm than the test's, so match the shape.
        message: expect.stringMatching(/read-only|readonly/i),
      });
    } finally {
      await replica.close();
    }
  });

  it("serves the hot reads from the replica and the writer's next reads from the primary", async () => {
    const replica = counted(createReader({ url: replicaUrl, poolSize: 2 }));
    const primary = counted(ctx.deps.reader);
    const app = ctx.appWith({ readAfterWriteMs: 3_000 }, { reader: primary, replica });
    try {
      const admin = await ctx.createUser({ role: "ADMIN" });
      const reader = await ctx.createUser({ role: "MOP" });
      const adminAgent = await login(app, admin.login);
      const readerAgent = await login(app, reader.login);

      // Hot reads of a user who has not written: the replica answers.
      const before = { replica: replica.calls, primary: primary.calls };
      const complex = (
        await adminAgent
          .post("/api/complexes")
          .send({ name: "ЖК Реплика", slug: `replica-${process.pid}`, city: "Ташкент" })
      ).body as { id: number };
      expect(complex.id).toBeGreaterThan(0);
      for (const path of [
        "/api/leads",
        "/api/leads/count",
        "/api/stats/leads",
        `/api/complexes/${complex.id}/grid`,
      ]) {
        const res = await readerAgent.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      expect(replica.calls - before.replica).toBeGreaterThanOrEqual(4);

      // The writer reads its own write from the primary, whatever the replica's lag.
      const created = await adminAgent
        .post("/api/leads")
        .send({ fullName: "Свежий Лид", phone: "+998901234567" });
      expect(created.status).toBe(201);
      const replicaCalls = replica.calls;
      const list = await adminAgent.get("/api/leads");
      expect(list.status).toBe(200);
      expect((list.body.items as { id: number }[]).map((lead) => lead.id)).toContain(
        created.body.id,
      );
      expect(replica.calls).toBe(replicaCalls);

      // After the tolerated lag the writer is back on the replica.
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      const later = await adminAgent.get("/api/leads/count");
      expect(later.status).toBe(200);
      expect(replica.calls).toBe(replicaCalls + 1);
    } finally {
      await replica.close();
    }
  });

  it("keeps the writer on the primary across API instances through Redis", async () => {
    const redis = createRedis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
    const replica = counted(createReader({ url: replicaUrl, poolSize: 2 }));
    const redisPrefix = `crm-replica-${process.pid}-${Date.now()}:`;
    const logger = ctx.deps.logger;
    try {
      await new Promise<void>((resolve) => redis.once("ready", () => resolve()));
      const link = new RedisLink(redis, logger);
      expect(link.isUp).toBe(true);
      const config = { readAfterWriteMs: 5_000, redisPrefix };
      const one = ctx.appWith(config, { replica, redis });
      const two = ctx.appWith(config, { replica, redis });
      const user = await ctx.createUser({ role: "SELLER" });
      const onOne = await login(one, user.login);
      const created = await onOne
        .post("/api/leads")
        .send({ fullName: "Лид Через Первый", phone: "+998907654321" });
      expect(created.status).toBe(201);
      const token = (
        await request(two).post("/api/auth/login").send({
          login: user.login,
          password: TEST_PASSWORD,
        })
      ).body.accessToken as string;
      const replicaCalls = replica.calls;
      const list = await request(two).get("/api/leads").set("Authorization", `Bearer ${token}`);
      expect(list.status).toBe(200);
      expect((list.body.items as { id: number }[]).map((lead) => lead.id)).toContain(
        created.body.id,
      );
      expect(replica.calls).toBe(replicaCalls);
    } finally {
      await replica.close();
      redis.disconnect();
    }
  });
});
