import os from "node:os";
import path from "node:path";
import pino from "pino";
import request from "supertest";
import type { TRoleCode } from "@crm/contracts";
import { importFlats } from "@crm/core";
import { createDb, createReader, hashPassword, type Db } from "@crm/db";
import { createInProcessJobs } from "@crm/jobs";
import { createApp, type App, type AppDeps } from "../src/app";
import type { AppConfig } from "../src/config";
import { cloneBase } from "./databases";

export const TEST_PASSWORD = "correct-horse-42";
let passwordHash: Promise<string> | undefined;

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    isProduction: false,
    jwtSecret: "test-secret-test-secret-test-secret-0123",
    accessTokenMinutes: 60,
    corsOrigins: ["https://crm.example.uz"],
    trustProxy: "loopback",
    rateLimit: { max: 100_000, windowSeconds: 60 },
    loginRateLimit: { max: 100_000, windowSeconds: 60 },
    // Tests that walk every route post to the landing form many times; its own test sets a low limit.
    landingRateLimit: { max: 100_000, windowSeconds: 60 },
    loginLock: { maxFailures: 5, minutes: 15 },
    sheets: importFlats.noSheets,
    redisPrefix: `crm-test-${process.pid}-${Math.random().toString(36).slice(2)}:`,
    readAfterWriteMs: 5_000,
    compression: true,
    uploadsDir: path.join(os.tmpdir(), `crm-test-uploads-${process.pid}`),
    mediaDir: path.join(os.tmpdir(), `crm-test-media-${process.pid}`),
    ...overrides,
  };
}

export interface TestContext {
  db: Db;
  /** The database URL of this test file's own database. */
  url: string;
  app: App;
  deps: AppDeps;
  /** A new app over the same database with other settings (rate limits, Redis...). */
  appWith(overrides: Partial<AppConfig>, extra?: Partial<AppDeps>): App;
  createUser(options?: { role?: TRoleCode; login?: string; isActive?: boolean }): Promise<TestUser>;
  /** A supertest agent already logged in (cookie) as a new user of the role. */
  loginAs(role: TRoleCode): Promise<{ agent: request.Agent; user: TestUser; token: string }>;
  close(): Promise<void>;
}

export interface TestUser {
  id: number;
  login: string;
  role: TRoleCode;
}

let userCounter = 0;

/** Call in a test file's top level: `const ctx = useTestContext();` — one database per file. */
export function useTestContext(): TestContext {
  const holder = {} as TestContext;
  beforeAll(async () => Object.assign(holder, await createTestContext()));
  afterAll(async () => holder.close?.());
  return holder;
}

export async function createTestContext(): Promise<TestContext> {
  const database = await cloneBase();
  const db = createDb({ url: database.url, poolSize: 5 });
  const reader = createReader({ url: database.url, poolSize: 3 });
  const logger = pino({ level: "silent" });
  // Jobs are recorded but not run (the runner is not started): a test that runs jobs starts its own.
  const jobs = createInProcessJobs({ db, logger });
  const deps: AppDeps = {
    config: testConfig(),
    db,
    reader,
    logger,
    redis: null,
    jobs,
  };
  const app = createApp(deps);
  const roles = new Map((await db.role.findMany()).map((role) => [role.code, role.id]));

  const createUser: TestContext["createUser"] = async (options = {}) => {
    userCounter += 1;
    const role = options.role ?? "SELLER";
    const login = options.login ?? `${role.toLowerCase()}${userCounter}_${process.pid}`;
    const user = await db.user.create({
      data: {
        login,
        passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
        firstName: `First${userCounter}`,
        lastName: `Last${userCounter}`,
        roleId: roles.get(role)!,
        isActive: options.isActive ?? true,
      },
    });
    return { id: user.id, login: user.login, role };
  };

  const loginAs: TestContext["loginAs"] = async (role) => {
    const user = await createUser({ role });
    const agent = request.agent(app);
    const res = await agent
      .post("/api/auth/login")
      .send({ login: user.login, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return { agent, user, token: res.body.accessToken as string };
  };

  return {
    db,
    url: database.url,
    app,
    deps,
    appWith: (overrides, extra = {}) =>
      createApp({ ...deps, ...extra, config: testConfig({ ...deps.config, ...overrides }) }),
    createUser,
    loginAs,
    close: async () => {
      await jobs.close();
      await db.$disconnect();
      await reader.close();
      await database.drop();
    },
  };
}
