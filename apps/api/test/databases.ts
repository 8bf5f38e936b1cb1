import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, migrate, seedRoles } from "@crm/db";

/**
 * Test databases. A base database is migrated once per run (global setup); every test file then
 * gets its own copy: a copied SQLite file, or a PostgreSQL database cloned from the base as a
 * template. Names carry the run id, so parallel runs never collide.
 */
export type TestProvider = "sqlite" | "postgres";

export const testProvider = (): TestProvider =>
  process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
const adminUrl = () => process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function prepareBase(runId: string): Promise<Record<string, string>> {
  if (testProvider() === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-test-${runId}-`));
    const url = `file:${path.join(dir, "base.db")}`;
    await migrate(url);
    const db = createDb({ url });
    await seedRoles(db);
    await db.$disconnect();
    return { CRM_TEST_RUN: runId, CRM_TEST_DIR: dir, CRM_TEST_BASE_URL: url };
  }
  const base = `crm_t_${runId}_base`;
  await adminQuery(`CREATE DATABASE "${base}"`);
  const url = withDatabase(adminUrl(), base);
  await migrate(url);
  const db = createDb({ url, poolSize: 1 });
  await seedRoles(db);
  await db.$disconnect();
  return { CRM_TEST_RUN: runId, CRM_TEST_BASE_DB: base };
}

let counter = 0;
// Jest gives each test file a fresh module registry in the same worker process, so the counter
// restarts per file; the random part keeps database names unique across files.
const fileTag = Math.random().toString(36).slice(2, 8);

/** A fresh database for one test file, already migrated and holding the roles. */
export async function cloneBase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const runId = process.env.CRM_TEST_RUN!;
  const worker = process.env.JEST_WORKER_ID ?? "0";
  counter += 1;
  if (testProvider() === "sqlite") {
    const file = path.join(process.env.CRM_TEST_DIR!, `w${worker}-${fileTag}-${counter}.db`);
    fs.copyFileSync(process.env.CRM_TEST_BASE_URL!.replace(/^file:/, ""), file);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = `crm_t_${runId}_w${worker}_${fileTag}_${counter}`;
  // Two workers cloning the same template at once can collide; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${process.env.CRM_TEST_BASE_DB}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
    }
  }
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function dropRun(runId: string): Promise<void> {
  if (testProvider() === "sqlite") {
    if (process.env.CRM_TEST_DIR)
      fs.rmSync(process.env.CRM_TEST_DIR, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`crm_t_${runId}_%`],
    );
    for (const row of rows)
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty, unmigrated database, for migration tests. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  counter += 1;
  const runId = process.env.CRM_TEST_RUN!;
  if (testProvider() === "sqlite") {
    const file = path.join(process.env.CRM_TEST_DIR!, `fresh-${fileTag}-${counter}.db`);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = `crm_t_${runId}_fresh_${fileTag}_${counter}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
