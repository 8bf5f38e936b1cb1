import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "../generated/postgres/client";
import { SerializedSqliteAdapterFactory } from "./sqlite-adapter";

/**
 * The client type every app codes against. Both generated clients come from the same models
 * (the PostgreSQL schema is derived from the SQLite one), so their APIs are the same.
 */
export type Db = PrismaClient;
export type DbProvider = "sqlite" | "postgres";

export function providerOf(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)`);
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

export interface CreateDbOptions {
  url: string;
  /** PostgreSQL pool size; SQLite always has one connection. */
  poolSize?: number;
  log?: boolean;
}

/**
 * Under a burst (a hundred sellers booking at once) transactions queue for a connection; the
 * default 2 s wait would turn that queue into errors. Waiting longer is the right answer here.
 */
const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

const providers = new WeakMap<object, DbProvider>();

/** Which database a client made by `createDb` talks to (for the few dialect-specific statements). */
export function dbProvider(db: Db): DbProvider {
  const provider = providers.get(db);
  if (!provider) throw new Error("dbProvider: not a client made by createDb");
  return provider;
}

/** One client per process: SQLite (embedded, default) or PostgreSQL, chosen by the URL. */
export function createDb(options: CreateDbOptions): Db {
  const db = openDb(options);
  providers.set(db, providerOf(options.url));
  return db;
}

function openDb({ url, poolSize = 10, log = false }: CreateDbOptions): Db {
  // Errors are not logged here: callers map expected ones (unique, not found) and log the rest.
  const logLevels = log ? (["query", "warn"] as const) : (["warn"] as const);
  if (providerOf(url) === "postgres") {
    const adapter = new PrismaPg({ connectionString: url, max: poolSize });
    return new PgPrismaClient({
      adapter,
      log: [...logLevels],
      transactionOptions,
    }) as unknown as Db;
  }
  const adapter = new SerializedSqliteAdapterFactory(
    new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}`, timeout: 5000 }),
  );
  return new PrismaClient({ adapter, log: [...logLevels], transactionOptions });
}
