// Prisma CLI configuration. The CLI only generates clients and diffs schemas (scripts/schemas.mjs);
// migrations are applied by our own runner (src/migrate.ts). The JS schema engine avoids Prisma's
// native engine download, which this network cannot reach. PRISMA_SCHEMA picks the variant.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const schema = process.env.PRISMA_SCHEMA ?? "../../prisma/schema.prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema,
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${path.resolve(".tmp-prisma-cli.db")}` });
  },
});
