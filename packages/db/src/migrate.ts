import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath, type DbProvider } from "./client";
import { SQLITE_PRAGMAS } from "./sqlite-adapter";

/**
 * Applies prisma/migrations/<provider>/<folder>/migration.sql in folder order, each in its own
 * transaction, recording applied folders in `_crm_migrations`. Prisma's `migrate deploy` cannot
 * be used: on PostgreSQL its JS engine fails (prisma/orm#27403), and one runner for both
 * providers keeps them honest. Safe to call at every start; concurrent starts are serialised by
 * the start-up lock (see withStartupLock).
 */
export interface MigrateResult {
  provider: DbProvider;
  applied: string[];
}

export function findMigrationsDir(start = process.cwd()): string {
  const candidates = [start, __dirname];
  for (const from of candidates) {
    let dir = path.resolve(from);
    for (;;) {
      const probe = path.join(dir, "prisma", "migrations");
      if (fs.existsSync(path.join(probe, "sqlite"))) return probe;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error("prisma/migrations not found: run from the repository or set MIGRATIONS_DIR");
}

function listMigrations(dir: string): { name: string; sql: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

export async function migrate(
  url: string,
  migrationsDir = findMigrationsDir(),
): Promise<MigrateResult> {
  return withStartupLock(url, (lock) => applyMigrations(url, lock, migrationsDir));
}

/** Applies what is missing; call only while holding the start-up lock. */
export async function applyMigrations(
  url: string,
  lock: StartupLock,
  migrationsDir = findMigrationsDir(),
): Promise<MigrateResult> {
  const provider = providerOf(url);
  const migrations = listMigrations(path.join(migrationsDir, provider));
  const applied =
    lock.client === null
      ? migrateSqlite(url, migrations)
      : await migratePostgres(lock.client, migrations);
  return { provider, applied };
}

/** Held while a process migrates and seeds; on PostgreSQL its connection does the migrating. */
export interface StartupLock {
  client: pg.Client | null;
}

const PG_STARTUP_LOCK = 874201;

/**
 * Runs `work` while no other process holds the start-up lock of the same database, so that API
 * instances started together migrate and seed one after the other: the second finds the work
 * done. PostgreSQL: a session advisory lock. SQLite: an exclusive transaction on a small lock
 * file beside the database (`<file>-lock`), since the database itself must stay writable for
 * the seeding; the operating system releases either lock if the process dies.
 */
export async function withStartupLock<T>(
  url: string,
  work: (lock: StartupLock) => Promise<T>,
): Promise<T> {
  if (providerOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url });
    // A dropped connection surfaces as the error of the next query, not as a crash here.
    client.on("error", () => undefined);
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [PG_STARTUP_LOCK]);
      try {
        return await work({ client });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [PG_STARTUP_LOCK]).catch(() => {});
      }
    } finally {
      await client.end();
    }
  }
  const file = sqlitePath(url);
  if (file === ":memory:") return work({ client: null });
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const lockDb = new Database(`${file}-lock`, { timeout: 0 });
  try {
    // Polled rather than waited for in SQLite's busy handler, which would block the event loop.
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      try {
        lockDb.exec("BEGIN EXCLUSIVE");
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    try {
      return await work({ client: null });
    } finally {
      lockDb.exec("ROLLBACK");
    }
  } finally {
    lockDb.close();
  }
}

function migrateSqlite(url: string, migrations: { name: string; sql: string }[]): string[] {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  try {
    db.exec(SQLITE_PRAGMAS);
    db.exec(
      "CREATE TABLE IF NOT EXISTS _crm_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const done = new Set(
      db
        .prepare("SELECT name FROM _crm_migrations")
        .all()
        .map((row) => (row as { name: string }).name),
    );
    const applied: string[] = [];
    const record = db.prepare("INSERT INTO _crm_migrations (name, applied_at) VALUES (?, ?)");
    const isApplied = db.prepare("SELECT 1 FROM _crm_migrations WHERE name = ?");
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      // Prisma redefines a table by copy + DROP + rename. With foreign keys on, that DROP would
      // run ON DELETE CASCADE on the rows pointing at it, so keys are off during a migration
      // (the pragma is ignored inside a transaction, hence here) and checked before commit.
      db.pragma("foreign_keys = OFF");
      try {
        // IMMEDIATE takes the write lock up front, so two processes starting together queue here.
        const ran = db
          .transaction(() => {
            // Checked again under the write lock: another process may have applied it meanwhile.
            if (isApplied.get(migration.name)) return false;
            db.exec(migration.sql);
            const violations = db.pragma("foreign_key_check") as unknown[];
            if (violations.length > 0) {
              throw new Error(
                `migration ${migration.name} leaves ${violations.length} broken foreign keys`,
              );
            }
            record.run(migration.name, new Date().toISOString());
            return true;
          })
          .immediate();
        if (ran) applied.push(migration.name);
      } finally {
        db.pragma("foreign_keys = ON");
      }
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(
  client: pg.Client,
  migrations: { name: string; sql: string }[],
): Promise<string[]> {
  await client.query(
    "CREATE TABLE IF NOT EXISTS _crm_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
  );
  const { rows } = await client.query<{ name: string }>("SELECT name FROM _crm_migrations");
  const done = new Set(rows.map((row) => row.name));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await client.query("BEGIN");
    try {
      await client.query(migration.sql);
      await client.query("INSERT INTO _crm_migrations (name) VALUES ($1)", [migration.name]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
    }
    applied.push(migration.name);
  }
  return applied;
}
