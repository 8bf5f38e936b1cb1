import { Redis } from "ioredis";
import pino from "pino";
import request from "supertest";
import { createRedis } from "../src/redis";
import { useTestContext } from "./harness";
import { eventually, startRedisServer } from "./processes";

const ctx = useTestContext();

describe("Redis outage", () => {
  it("answers at once while Redis is down, counts locally, says so once, and counts in Redis again when it is back", async () => {
    let server = await startRedisServer();
    const redis = createRedis(server.url);
    const logs: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => logs.push(JSON.parse(line)) },
    );
    const redisPrefix = `crm-outage-${process.pid}-${Date.now()}:`;
    const app = ctx.appWith(
      { rateLimit: { max: 5, windowSeconds: 60 }, redisPrefix },
      { redis, logger },
    );
    const { token } = await ctx.loginAs("MOP");
    const leadList = () => request(app).get("/api/leads").set("Authorization", `Bearer ${token}`);
    const ready = async () => (await request(app).get("/readyz")).body;
    const outageLogs = () => ({
      down: logs.filter((line) => line.level === 40 && /Redis is unreachable/.test(line.msg))
        .length,
      back: logs.filter((line) => line.level === 30 && /Redis is reachable again/.test(line.msg))
        .length,
    });
    const counterIn = async (url: string) => {
      const probe = new Redis(url, { lazyConnect: true });
      try {
        await probe.connect();
        const keys = await probe.keys(`${redisPrefix}rl:global:*`);
        return keys.length === 1 ? Number(await probe.get(keys[0]!)) : 0;
      } finally {
        probe.disconnect();
      }
    };

    try {
      await eventually("Redis to be ready", async () => (await ready()).checks.redis === "ok");
      expect(await ready()).toEqual({
        status: "ok",
        checks: { database: "ok", redis: "ok" },
        rateLimits: "redis",
      });
      expect((await leadList()).status).toBe(200);
      expect(await counterIn(server.url)).toBe(1);

      await server.kill();
      const started = performance.now();
      const first = await leadList();
      const elapsed = performance.now() - started;
      expect(first.status).toBe(200);
      expect(elapsed).toBeLessThan(100);

      expect(await ready()).toEqual({
        status: "degraded",
        checks: { database: "ok", redis: "down" },
        rateLimits: "local",
      });
      // The limit still holds, counted in this instance: 5 per window, the 6th is refused.
      const statuses = [first.status];
      for (let i = 0; i < 5; i++) statuses.push((await leadList()).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(outageLogs()).toEqual({ down: 1, back: 0 });

      server = await startRedisServer(server.port);
      await eventually("Redis to be used again", async () => (await ready()).checks.redis === "ok");
      expect((await ready()).rateLimits).toBe("redis");
      // The restarted server kept nothing: the new window starts in Redis, not at the local 6.
      expect((await leadList()).status).toBe(200);
      expect(await counterIn(server.url)).toBe(1);
      expect(outageLogs()).toEqual({ down: 1, back: 1 });
    } finally {
      redis.disconnect();
      await server.kill();
    }
  });
});
