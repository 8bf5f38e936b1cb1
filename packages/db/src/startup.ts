import type { Db } from "./client";
import { applyMigrations, findMigrationsDir, withStartupLock } from "./migrate";
import { seedRoles } from "./seed";

export interface PrepareResult {
  /** Migration folders this call applied. */
  applied: string[];
  /** Whether this call seeded the demo data (false: not wanted, or already there). */
  demoSeeded: boolean;
}

/**
 * What every API start does before serving: migrate, make sure the roles exist and, outside
 * production, seed the demo data once. All of it runs under the start-up lock, so instances
 * started together on a fresh database take turns: the first does the work, the others find it
 * done (the checks that decide "already there" run under the same lock).
 */
export function prepareDatabase(
  db: Db,
  url: string,
  options: {
    /** Seeds the demo data when none is there; true when it did (the core's `seedDemo`). */
    seedDemo?: (db: Db) => Promise<boolean>;
    migrationsDir?: string;
  },
): Promise<PrepareResult> {
  return withStartupLock(url, async (lock) => {
    const { applied } = await applyMigrations(
      url,
      lock,
      options.migrationsDir ?? findMigrationsDir(),
    );
    await seedRoles(db);
    const demoSeeded = options.seedDemo ? await options.seedDemo(db) : false;
    return { applied, demoSeeded };
  });
}
