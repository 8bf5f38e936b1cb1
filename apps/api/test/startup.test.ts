import { demo } from "@crm/core";
import { createDb } from "@crm/db";
import { freshDatabase } from "./databases";
import { spawnApi } from "./processes";

describe("start-up", () => {
  it("brings up two API processes started together on a fresh database, with the demo data once", async () => {
    const fresh = await freshDatabase();
    // A smaller demo than `pnpm start` makes: the rule under test is "once", not "how many".
    const env = { DATABASE_URL: fresh.url, DEMO_LEADS: "60" };
    const apis = [spawnApi(env), spawnApi(env)];
    const db = createDb({ url: fresh.url, poolSize: 1 });
    try {
      const ports = await Promise.all(apis.map((api) => api.port()));
      for (const port of ports) {
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(200);
      }
      const logins = await db.user.groupBy({ by: ["login"], _count: { _all: true } });
      expect(logins.map((row) => [row.login, row._count._all]).sort()).toEqual(
        demo.DEMO_USERS.map((user) => [user.login, 1]).sort(),
      );
      expect(await db.role.count()).toBe(5);
      expect(await db.complex.count()).toBe(2);
      expect(await db.lead.count()).toBe(60);
      const seededBy = apis.filter((api) =>
        api.lines.some((line) => line.includes('"msg":"demo data seeded"')),
      );
      expect(seededBy).toHaveLength(1);
    } finally {
      await Promise.all(apis.map((api) => api.stop()));
      await db.$disconnect();
      await fresh.drop();
    }
  }, 180_000);

  it.each([
    [
      "an unreachable database",
      { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/crm" },
      /ECONNREFUSED/,
    ],
    ["an invalid environment", { PORT: "not-a-port" }, /Invalid environment[\s\S]*PORT/],
  ])(
    "logs a failed start with %s as one JSON error line with the error's message and stack",
    async (_case, env, message) => {
      const api = spawnApi(env);
      expect(await api.exit).toBe(1);
      const last = JSON.parse(api.lines.at(-1) ?? "null") as {
        level: number;
        msg: string;
        err: { message: string; stack: string };
      };
      expect(last).toMatchObject({ level: 50, msg: "the API failed to start" });
      expect(last.err.message).toMatch(message);
      expect(last.err.stack).toContain(last.err.message.split("\n")[0]);
      expect(api.lines.every((line) => line.startsWith("{"))).toBe(true);
    },
    60_000,
  );
});
