import Database from "better-sqlite3";
import pg from "pg";
import type { Prisma } from "../generated/sqlite/client";
import { providerOf, sqlitePath, type DbProvider } from "./client";

/**
 * A read-only SQL path for the few hot reads (lead lists, the session user), straight on the
 * driver: no query compilation, prepared statements reused. Queries are `Prisma.sql` fragments,
 * so values are always bound, never spliced. Writes and everything else go through Prisma.
 *
 * SQLite: its own read-only connection (WAL lets it read beside the writer; it sees committed
 * data). PostgreSQL: its own small pool, timestamps read as UTC like Prisma stores them.
 */
export interface SqlReader {
  readonly provider: DbProvider;
  all<T = Record<string, unknown>>(query: Prisma.Sql): Promise<T[]>;
  close(): Promise<void>;
}

export function createReader({ url, poolSize = 5 }: { url: string; poolSize?: number }): SqlReader {
  return providerOf(url) === "postgres" ? postgresReader(url, poolSize) : sqliteReader(url);
}

/** How Prisma stores a DateTime in SQLite (ISO-8601 with an explicit +00:00). */
const sqliteDate = (value: Date) => value.toISOString().replace("Z", "+00:00");

function sqliteReader(url: string): SqlReader {
  const db = new Database(sqlitePath(url), { readonly: true, fileMustExist: true, timeout: 5000 });
  const statements = new Map<string, Database.Statement>();
  const bind = (value: unknown) =>
    value instanceof Date
      ? sqliteDate(value)
      : typeof value === "boolean"
        ? value
          ? 1
          : 0
        : value;
  return {
    provider: "sqlite",
    async all<T>(query: Prisma.Sql) {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = db.prepare(query.sql);
        if (statements.size > 500) statements.clear();
        statements.set(query.sql, statement);
      }
      return statement.all(...query.values.map(bind)) as T[];
    },
    async close() {
      db.close();
    },
  };
}

function postgresReader(url: string, poolSize: number): SqlReader {
  const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 1114
          ? utcTimestamp
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", () => undefined);
  return {
    provider: "postgres",
    async all<T>(query: Prisma.Sql) {
      // Prisma keeps DateTime as UTC in "timestamp without time zone": bind Dates as UTC text.
      const values = query.values.map((value) =>
        value instanceof Date ? value.toISOString().replace("Z", "") : value,
      );
      const result = await pool.query({ text: query.text, values });
      return result.rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}
