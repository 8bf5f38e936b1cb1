import pino from "pino";
import { createDb, seedRoles, type Db } from "@crm/db";
import { createTestDatabase } from "@crm/db/testing";
import { createBot, type Bot } from "../bot";
import { startFakeBotApi } from "./fake-bot-api";

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;
export const silentLogger = pino({ level: "silent" });

/**
 * Call at a test file's top level: a database of the file's own (with the roles), a fake Bot
 * API server and a bot pointed at it, handed to `ready` before the tests and closed after.
 */
export function useBotTest(
  name: string,
  token: string,
  ready: (env: { db: Db; api: FakeBotApi; bot: Bot }) => void,
) {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: Db | undefined;
  let api: FakeBotApi | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(name);
    db = createDb({ url: database.url, poolSize: 4 });
    await seedRoles(db);
    api = await startFakeBotApi(token);
    const bot = createBot({ token, apiRoot: api.apiRoot }, { db, logger: silentLogger });
    ready({ db, api, bot });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await api?.close();
    await database?.drop();
  });
}
