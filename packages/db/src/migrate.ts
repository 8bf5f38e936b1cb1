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
 * providers keeps them honest. Safe to call at every start; concurrent starts on PostgreSQL are
 * serialised by an advisory lock.
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
  const provider = providerOf(url);
  const migrations = listMigrations(path.join(migrationsDir, provider));
  const applied =
    provider === "sqlite" ? migrateSqlite(url, migrations) : await migratePostgres(url, migrations);
  return { provider, applied };
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
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      // Prisma redefines a table by copy + DROP + rename. With foreign keys on, that DROP would
      // run ON DELETE CASCADE on the rows pointing at it, so keys are off during a migration
      // (the pragma is ignored inside a transaction, hence here) and checked before commit.
      db.pragma("foreign_keys = OFF");
      try {
        // IMMEDIATE takes the write lock up front, so two processes starting together queue here.
        db.transaction(() => {
          db.exec(migration.sql);
          const violations = db.pragma("foreign_key_check") as unknown[];
          if (violations.length > 0) {
            throw new Error(
              `migration ${migration.name} leaves ${violations.length} broken foreign keys`,
            );
          }
          record.run(migration.name, new Date().toISOString());
        }).immediate();
      } finally {
        db.pragma("foreign_keys = ON");
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(
  url: string,
  migrations: { name: string; sql: string }[],
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(874201)");
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
  } finally {
    await client.query("SELECT pg_advisory_unlock(874201)").catch(() => undefined);
    await client.end();
  }
}
