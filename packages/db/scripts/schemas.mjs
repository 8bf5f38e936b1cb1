// Keeps the SQLite and PostgreSQL schemas and migrations in step from one source of truth.
//
//   node scripts/schemas.mjs generate          derive prisma/postgres/schema.prisma, generate both clients
//   node scripts/schemas.mjs migration <name>  write the next migration for both providers
//
// A migration is the datamodel diff between the schema as of the last migration (kept in
// prisma/migrations/schema.snapshot.prisma) and the working schema. `prisma migrate dev` needs a
// shadow database the JS engine cannot provide, so we diff datamodel → datamodel instead.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, "..");
const root = path.resolve(pkgDir, "../..");
const prismaDir = path.join(root, "prisma");
const sqliteSchema = path.join(prismaDir, "schema.prisma");
const pgSchema = path.join(prismaDir, "postgres", "schema.prisma");
const migrationsDir = path.join(prismaDir, "migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const prismaBin = path.join(pkgDir, "node_modules", ".bin", "prisma");

/** The PostgreSQL variant differs only in provider, url and the client's output folder. */
export function toPostgres(source) {
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/crm"')
    .replace(/generated\/sqlite"/, 'generated/postgres"')
    .replace(
      "// Single source of truth",
      "// GENERATED from prisma/schema.prisma — do not edit.\n// Single source of truth",
    );
  // Output paths are relative to the schema file, which sits one folder deeper.
  return out.replace('output          = "../packages/', 'output          = "../../packages/');
}

function prisma(args, schema) {
  return execFileSync(prismaBin, args, {
    cwd: pkgDir,
    env: { ...process.env, PRISMA_SCHEMA: schema, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function writePgSchema() {
  fs.mkdirSync(path.dirname(pgSchema), { recursive: true });
  fs.writeFileSync(pgSchema, toPostgres(fs.readFileSync(sqliteSchema, "utf8")));
}

function generate() {
  writePgSchema();
  for (const schema of [sqliteSchema, pgSchema]) {
    prisma(["generate", "--schema", schema], schema);
  }
  console.log("generated Prisma clients for sqlite and postgres");
}

function diff(fromFile, toFile, schemaForConfig) {
  const from = fromFile ? ["--from-schema-datamodel", fromFile] : ["--from-empty"];
  return prisma(
    ["migrate", "diff", ...from, "--to-schema-datamodel", toFile, "--script"],
    schemaForConfig,
  );
}

function migration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("usage: migration <name> (lower-case letters, digits and _)");
  }
  writePgSchema();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-migration-"));
  const hasSnapshot = fs.existsSync(snapshot);
  const oldSqlite = path.join(tmp, "old.sqlite.prisma");
  const oldPg = path.join(tmp, "old.pg.prisma");
  if (hasSnapshot) {
    const old = fs.readFileSync(snapshot, "utf8");
    fs.writeFileSync(oldSqlite, old);
    fs.writeFileSync(oldPg, toPostgres(old));
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const scripts = {
    sqlite: diff(hasSnapshot ? oldSqlite : null, sqliteSchema, sqliteSchema),
    postgres: diff(hasSnapshot ? oldPg : null, pgSchema, pgSchema),
  };
  if (
    /This is an empty migration/.test(scripts.sqlite) &&
    /This is an empty migration/.test(scripts.postgres)
  ) {
    console.log("schema unchanged: no migration written");
    return;
  }
  for (const [provider, sql] of Object.entries(scripts)) {
    const dir = path.join(migrationsDir, provider, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  }
  fs.copyFileSync(sqliteSchema, snapshot);
  console.log(`wrote prisma/migrations/{sqlite,postgres}/${folder}/migration.sql`);
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate();
else if (command === "migration") migration(arg);
else if (command === "check") {
  // CI guard: the working schema must equal the snapshot of the last migration.
  const same =
    fs.existsSync(snapshot) &&
    fs.readFileSync(snapshot, "utf8") === fs.readFileSync(sqliteSchema, "utf8");
  if (!same) {
    console.error(
      "prisma/schema.prisma changed without a migration: run `pnpm db:migration <name>`",
    );
    process.exit(1);
  }
  console.log("schema and migrations are in step");
} else {
  console.error("usage: schemas.mjs generate | migration <name> | check");
  process.exit(2);
}
