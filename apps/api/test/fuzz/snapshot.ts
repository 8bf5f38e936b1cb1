import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath } from "@crm/db";

/** Row count and a checksum of every row, per table. */
export type DbSnapshot = Map<string, { rows: number; checksum: string }>;

export interface SnapshotReader {
  take(): Promise<DbSnapshot>;
  close(): Promise<void>;
}

/**
 * Reads every table of a database through a connection of its own (not the app's), so that a
 * snapshot sees exactly what was committed. PostgreSQL sums a hash of each row's text in one
 * statement (order-independent, no sort); SQLite rows are hashed here in rowid order.
 */
export async function snapshotReader(url: string): Promise<SnapshotReader> {
  if (providerOf(url) === "sqlite") {
    const sqlite = new Database(sqlitePath(url), { readonly: true });
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    const reads = tables.map((table) => ({
      table,
      statement: sqlite.prepare(`SELECT * FROM "${table}"`).raw(),
    }));
    return {
      take: async () => {
        const snapshot: DbSnapshot = new Map();
        for (const { table, statement } of reads) {
          // Plain numbers (no safeIntegers mode): every value of this schema fits in a double.
          const rows = statement.all() as unknown[][];
          const checksum = crypto.createHash("sha1").update(JSON.stringify(rows)).digest("hex");
          snapshot.set(table, { rows: rows.length, checksum });
        }
        return snapshot;
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const sql = tables
    .map(
      ({ name }) =>
        `SELECT '${name}' AS name, count(*)::int AS rows,
                coalesce(sum(hashtext(t::text)::bigint), 0)::text AS checksum
         FROM "${name}" t`,
    )
    .join(" UNION ALL ");
  return {
    take: async () => {
      const { rows } = await client.query<{ name: string; rows: number; checksum: string }>(sql);
      return new Map(rows.map((row) => [row.name, { rows: row.rows, checksum: row.checksum }]));
    },
    close: () => client.end(),
  };
}

/** Tables whose rows or contents differ between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    const a = before.get(name);
    const b = after.get(name);
    return a?.rows !== b?.rows || a?.checksum !== b?.checksum;
  });
}
