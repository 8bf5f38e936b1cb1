// The database a benchmark runs on: a fresh SQLite file (default) or, with `--db=postgres`, a
// database created on the local PostgreSQL server (BENCH_PG_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres) and dropped at the end. Both get the product's
// migrations and roles; bulk rows go in with prepared statements (SQLite) or multi-row INSERTs
// (PostgreSQL) inside one transaction.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createDb, migrate, seedRoles } from "@crm/db";

export type BenchProvider = "sqlite" | "postgres";

export const benchProvider = (): BenchProvider =>
  process.argv.includes("--db=postgres") || process.env.BENCH_DB === "postgres"
    ? "postgres"
    : "sqlite";

/** How every benchmark stores a DateTime: UTC, as Prisma does on both databases. */
export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

type Value = string | number | bigint | null;

export interface BenchDb {
  provider: BenchProvider;
  /** DATABASE_URL for the API under test. */
  url: string;
  /** Runs `?`-parameterised SQL (identifiers double-quoted) and returns its rows. */
  all<T = Record<string, unknown>>(sql: string, params?: Value[]): Promise<T[]>;
  /** Inserts one row and returns its id. */
  insert(table: string, row: Record<string, Value>): Promise<number>;
  /**
   * Bulk insert: rows are buffered and written in large batches (`before` runs ahead of each,
   * e.g. to flush the rows these reference). Call flush() at the end.
   */
  bulk(
    table: string,
    columns: string[],
    before?: () => Promise<void>,
  ): { add(row: Value[]): Promise<void>; flush(): Promise<void> };
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** After explicit ids: moves PostgreSQL's id sequences past them (no-op on SQLite). */
  resetSequences(tables: string[]): Promise<void>;
  analyze(): Promise<void>;
  close(): Promise<void>;
  /** Removes the database (the PostgreSQL database, or the SQLite file's folder). */
  drop(): Promise<void>;
}

const quote = (name: string) => `"${name}"`;
const toPg = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function openBenchDb(name: string, workDir: string): Promise<BenchDb> {
  const provider = benchProvider();
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const db =
    provider === "sqlite" ? await sqliteBench(name, workDir) : await postgresBench(name, workDir);
  await migrate(db.url);
  const prisma = createDb({ url: db.url });
  await seedRoles(prisma);
  await prisma.$disconnect();
  return db;
}

async function sqliteBench(name: string, workDir: string): Promise<BenchDb> {
  const file = path.join(workDir, `${name}.db`);
  const url = `file:${file}`;
  let handle: Database.Database | undefined;
  const open = () => {
    if (!handle) {
      handle = new Database(file);
      handle.pragma("journal_mode = WAL");
      handle.pragma("synchronous = OFF"); // bulk load only; the API opens it with NORMAL
    }
    return handle;
  };
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = open().prepare(sql)));
    return statement;
  };
  return {
    provider: "sqlite",
    url,
    async all<T>(sql: string, params: Value[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async insert(table, row) {
      const columns = Object.keys(row);
      const sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
      return Number(prepare(sql).run(...Object.values(row)).lastInsertRowid);
    },
    bulk(table, columns) {
      const statement = prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      return {
        async add(row) {
          statement.run(...row);
        },
        async flush() {},
      };
    },
    async begin() {
      open().exec("BEGIN");
    },
    async commit() {
      open().exec("COMMIT");
    },
    async resetSequences() {},
    async analyze() {
      open().exec("ANALYZE");
    },
    async close() {
      statements.clear();
      handle?.close();
      handle = undefined;
    },
    async drop() {
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function postgresBench(name: string, workDir: string): Promise<BenchDb> {
  const base = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = `crm_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const target = new URL(base);
  target.pathname = `/${database}`;
  const url = target.toString();
  fs.writeFileSync(path.join(workDir, "DATABASE_URL"), url);
  let client: pg.Client | undefined;
  const connect = async () => {
    if (!client) {
      client = new pg.Client({ connectionString: url });
      await client.connect();
    }
    return client;
  };
  const run = async (sql: string, params: Value[] = []) =>
    (await connect()).query(
      toPg(sql),
      params.map((v) => (typeof v === "bigint" ? String(v) : v)),
    );
  return {
    provider: "postgres",
    url,
    async all<T>(sql: string, params: Value[] = []) {
      return (await run(sql, params)).rows as T[];
    },
    async insert(table, row) {
      const columns = Object.keys(row);
      const result = await run(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) RETURNING "id"`,
        Object.values(row),
      );
      return Number(result.rows[0].id);
    },
    bulk(table, columns, before) {
      // PostgreSQL binds at most 65,535 parameters per statement.
      const perBatch = Math.floor(60_000 / columns.length);
      let buffer: Value[] = [];
      let rows = 0;
      const flush = async () => {
        if (!rows) return;
        await before?.();
        const tuple = `(${columns.map(() => "?").join(", ")})`;
        const values = Array.from({ length: rows }, () => tuple).join(", ");
        const params = buffer;
        buffer = [];
        rows = 0;
        await run(
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${values}`,
          params,
        );
      };
      return {
        async add(row) {
          buffer.push(...row);
          rows += 1;
          if (rows >= perBatch) await flush();
        },
        flush,
      };
    },
    async begin() {
      await run("BEGIN");
    },
    async commit() {
      await run("COMMIT");
    },
    async resetSequences(tables) {
      for (const table of tables) {
        await run(
          `SELECT setval(pg_get_serial_sequence('${quote(table)}', 'id'), (SELECT COALESCE(MAX("id"), 1) FROM ${quote(table)}))`,
        );
      }
    },
    async analyze() {
      await run("ANALYZE");
    },
    async close() {
      await client?.end();
      client = undefined;
    },
    async drop() {
      await client?.end();
      client = undefined;
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
