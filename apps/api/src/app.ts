import compression from "compression";
import cookieParser from "cookie-parser";
import cors from "cors";
import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import type { Redis } from "ioredis";
import { LandingCache, memoryLandingStore, redisLandingStore } from "@crm/core";
import type { Db, SqlReader } from "@crm/db";
import type { JobClient } from "@crm/jobs";
import type { AppConfig } from "./config";
import { authenticate } from "./http/auth";
import { apiNotFound, errorHandler } from "./http/errors";
import { rateLimiter } from "./http/rate-limit";
import { readRouting } from "./http/read-routing";
import { requestLog } from "./http/request-log";
import { routedBy } from "./http/route";
import { securityHeaders } from "./http/security-headers";
import { serveStatic } from "./http/static";
import "./http/types";
import type { Logger } from "./lib/logger";
import { RedisLink } from "./redis";
import { auditRouter } from "./modules/audit/audit.router";
import { authRouter } from "./modules/auth/auth.router";
import { docsRouter } from "./modules/docs/docs.router";
import { healthRouter } from "./modules/health/health.router";
import { importRouter } from "./modules/import/import.router";
import { activityRouter } from "./modules/leads/activity.router";
import { dashboardRouter } from "./modules/dashboard/dashboard.router";
import { dealsRouter } from "./modules/deals/deals.router";
import { exportsRouter } from "./modules/exports/exports.router";
import { financeRouter } from "./modules/finance/finance.router";
import { inventoryRouter } from "./modules/inventory/inventory.router";
import { jobsRouter } from "./modules/jobs/jobs.router";
import { leadsRouter } from "./modules/leads/leads.router";
import { savedFiltersRouter } from "./modules/saved-filters/saved-filters.router";
import { notificationsRouter } from "./modules/notifications/notifications.router";
import { searchRouter } from "./modules/search/search.router";
import { settingsRouter } from "./modules/settings/settings.router";
import { statsRouter } from "./modules/stats/stats.router";
import { usersRouter } from "./modules/users/users.router";
import { drawsRouter } from "./modules/draws/draws.router";
import { telegramRouter } from "./modules/telegram/telegram.router";
import { attendanceRouter } from "./modules/attendance/attendance.router";
import { expensesRouter } from "./modules/expenses/expenses.router";
import { paymentsRegisterRouter } from "./modules/payments/payments.router";
import { mediaRouter } from "./modules/public/media.router";
import { publicFastPath } from "./modules/public/public-fast-path";
import { publicRouter } from "./modules/public/public.router";
import { instagramRouter } from "./modules/instagram/instagram.router";

export interface AppDeps {
  config: AppConfig;
  db: Db;
  /** Read-only driver-level SQL for the hottest reads; also tells which dialect is spoken. */
  reader: SqlReader;
  /** The same reads on a read replica (DATABASE_READ_URL); hot reads use `req.reads`. */
  replica?: SqlReader;
  logger: Logger;
  /** Shared state (rate limits, caches) across instances; null runs everything in-process. */
  redis: Redis | null;
  /** Background jobs: enqueued here, run in-process or by workers (see jobs/job-client.ts). */
  jobs: JobClient;
  /**
   * The landing pages' cache, shared with the in-process jobs that warm it. Without one the app
   * makes its own: in Redis when there is Redis, else in memory.
   */
  landingCache?: LandingCache;
}

/** What the routers that touch Redis get: the deps plus whether Redis answers right now. */
export interface AppContext extends AppDeps {
  redisLink: RedisLink | null;
}

/** An API process's request listener: `http.createServer(app)` (server.ts), or supertest's. */
export type App = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Builds the HTTP app for one config and set of dependencies. Never listens (see server.ts).
 * A warm public complex is answered before Express (public-fast-path.ts); everything else is the
 * Express pipeline below.
 */
export function createApp(deps: AppDeps): App {
  const { config, logger } = deps;
  const context: AppContext = {
    ...deps,
    redisLink: deps.redis ? new RedisLink(deps.redis, logger) : null,
  };
  const app = express();
  app.disable("x-powered-by");
  // API bodies are small and uncached; hashing each one for an ETag is wasted CPU.
  app.set("etag", false);
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  const landingCache = deps.landingCache ?? createLandingCache(deps);
  landingCache.listen();

  // The pipeline order is a product rule (README, API conventions): log → security headers →
  // rate limit → CORS → auth.
  app.use(requestLog(logger));
  // gzip or brotli (quality 4: fast enough per request) above 1 KB, as the client accepts; off
  // behind a proxy that compresses itself (HTTP_COMPRESSION=false).
  if (config.compression) {
    const compress = compression();
    // A client that accepts no encoding (API clients, load balancers' probes) skips the
    // middleware's per-response wrapping altogether.
    app.use((req, res, next) =>
      req.headers["accept-encoding"] ? compress(req, res, next) : next(),
    );
  }
  app.use(securityHeaders());
  // The budget is for the API: health probes, the SPA's static files and media are not counted
  // (an office behind one NAT address loads them on every page view).
  app.use(
    ["/api", "/webhook"],
    rateLimiter({
      ...config.rateLimit,
      name: "global",
      redis: context.redisLink,
      redisPrefix: config.redisPrefix,
    }),
  );
  app.use(
    cors({
      origin: (origin, callback) => callback(null, !origin || config.corsOrigins.includes(origin)),
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use(
    express.json({
      limit: "100kb",
      strict: true,
      // Webhook signatures are computed over the bytes as sent, not over re-serialised JSON.
      verify: (req, _res, buf) => {
        if (req.url?.startsWith("/api/instagram/webhook"))
          (req as { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  app.use(cookieParser());
  app.use(authenticate(config, deps.reader));
  app.use(
    readRouting({
      primary: deps.reader,
      replica: deps.replica,
      readAfterWriteMs: config.readAfterWriteMs,
      redis: context.redisLink,
      redisPrefix: config.redisPrefix,
    }),
  );

  // First of the routers: the public pages are the hottest path and need none of the others.
  app.use(routedBy(publicRouter(context, landingCache)));
  app.use(routedBy(healthRouter(context)));
  app.use(routedBy(docsRouter(config)));
  app.use(routedBy(authRouter(context)));
  app.use(routedBy(usersRouter(deps)));
  app.use(routedBy(leadsRouter(deps)));
  app.use(routedBy(savedFiltersRouter(deps)));
  app.use(routedBy(activityRouter(deps)));
  app.use(routedBy(statsRouter(deps)));
  app.use(routedBy(inventoryRouter(deps)));
  app.use(routedBy(dealsRouter(deps)));
  app.use(routedBy(financeRouter(deps)));
  app.use(routedBy(settingsRouter(deps)));
  app.use(routedBy(notificationsRouter(deps)));
  app.use(routedBy(jobsRouter(deps)));
  app.use(routedBy(dashboardRouter(context)));
  app.use(routedBy(searchRouter(deps)));
  app.use(routedBy(drawsRouter(deps)));
  app.use(routedBy(telegramRouter(deps)));
  app.use(routedBy(auditRouter(deps)));
  app.use(routedBy(expensesRouter(deps)));
  app.use(routedBy(attendanceRouter(deps)));
  app.use(routedBy(paymentsRegisterRouter(deps)));
  app.use(routedBy(exportsRouter(deps)));
  app.use(routedBy(instagramRouter(deps)));
  app.use(routedBy(importRouter(deps)));
  app.use(routedBy(mediaRouter(deps)));

  app.use(["/api", "/api/*path"], apiNotFound);
  serveStatic(app, { webDistDir: config.webDistDir, mediaDir: config.mediaDir });
  // Whatever neither a route nor a file answered (`//api//leads`, a POST outside /api) is a
  // problem body too, not Express's HTML page.
  app.use(apiNotFound);
  app.use(errorHandler(logger));

  const fastPath = publicFastPath({
    cache: landingCache,
    logger,
    compression: config.compression,
  });
  return (req, res) => fastPath(req, res, () => app(req, res));
}

/** The landing cache an app uses when none is given (see AppDeps.landingCache). */
export function createLandingCache({
  redis,
  config,
  logger,
}: Pick<AppDeps, "redis" | "config" | "logger">): LandingCache {
  return new LandingCache(
    redis
      ? redisLandingStore(redis, config.redisPrefix, (error) =>
          logger.warn({ err: error }, "landing cache: Redis command failed"),
        )
      : memoryLandingStore(),
  );
}
