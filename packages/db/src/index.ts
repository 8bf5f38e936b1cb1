export {
  createDb,
  dbProvider,
  providerOf,
  sqlitePath,
  type CreateDbOptions,
  type Db,
  type DbProvider,
} from "./client";
export { migrate, findMigrationsDir, type MigrateResult } from "./migrate";
export { prepareDatabase, type PrepareResult } from "./startup";
export { hashPassword, verifyPassword } from "./passwords";
export { Prisma } from "../generated/sqlite/client";
export * from "../generated/sqlite/enums";
export type * from "../generated/sqlite/models";
export { seedRoles, prng, ROLE_NAMES } from "./seed";
export { createReader, type SqlReader } from "./reader";
export { leadSearchText } from "./lead-search";
export { formatPhoneReport, normalizeStoredPhones, type PhoneReport } from "./normalize-phones";
