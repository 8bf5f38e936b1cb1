import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "./client";
import { migrate } from "./migrate";

/**
 * A migrated database of this test file's own: a SQLite file in a temp dir by default, or with
 * TEST_DB=postgres a new PostgreSQL database (TEST_PG_URL names the server), dropped afterwards.
 */
export async function createTestDatabase(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const unique = `${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (process.env.TEST_DB !== "postgres") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-${label}-`));
    const url = `file:${path.join(dir, `${label}.db`)}`;
    await migrate(url);
    return { url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `crm_t_${label}_${unique}`;
  const admin = createDb({ url: adminUrl, poolSize: 1 });
  await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  await admin.$disconnect();
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  await migrate(url);
  return {
    url,
    drop: async () => {
      const dropper = createDb({ url: adminUrl, poolSize: 1 });
      try {
        await dropper.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.$disconnect();
      }
    },
  };
}

/** Polls `probe` until it gives a truthy value, failing after `timeoutMs`: tests never sleep. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
