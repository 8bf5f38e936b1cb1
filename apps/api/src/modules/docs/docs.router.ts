import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";
import { allRoutes, buildOpenApi } from "@crm/contracts";
import type { AppConfig } from "../../config";
import { LANDING_POSTS } from "../public/public.router";
import { DOCS_ASSETS, type DocsAssetName } from "./docs.assets";
import { renderGettingStartedPage, renderReferencePage } from "./docs.pages";

/**
 * Swagger UI's prebuilt files, from the api's own node_modules (never a CDN). Resolved when the
 * app is built, so a missing package fails at start, not on the first docs request; the bundled
 * API (dist/server.js) resolves it from apps/api/node_modules the same way.
 */
function swaggerUiDist() {
  const manifest = require.resolve("swagger-ui-dist/package.json");
  const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  return { dir: path.dirname(manifest), version };
}

/** The only files of the package the pages use (plus their source maps, for the devtools). */
const VENDOR_FILES = new Set([
  "swagger-ui-bundle.js",
  "swagger-ui-bundle.js.map",
  "swagger-ui.css",
  "swagger-ui.css.map",
  "favicon-32x32.png",
]);

const FOR_GOOD = "public, max-age=31536000, immutable";

/**
 * `/api/openapi.json` (generated from the contracts), the API reference at `/api/docs` (Swagger
 * UI served from this origin) and the getting-started page for API clients.
 */
export function docsRouter(config: AppConfig) {
  const router = Router();
  const document = buildOpenApi(allRoutes, {
    title: "RealEstate CRM API",
    version: "1.0.0",
    description: [
      "JSON REST API. Log in with `POST /api/auth/login`; send the `accessToken` as `Authorization: Bearer <token>` (press **Authorize**) — or, in a browser signed in to the CRM, the `access_token` cookie goes along by itself.",
      "Lists page with cursors (`limit`, `cursor` = the `nextCursor` of the previous page). Errors are `application/problem+json` (RFC 9457) with a `code` and, for invalid input, per-field `errors`.",
      `Rate limits: ${config.rateLimit.max} requests per ${config.rateLimit.windowSeconds} s per client on /api, login ${config.loginRateLimit.max} per ${config.loginRateLimit.windowSeconds} s; see the \`RateLimit\` headers. A walk-through: [Getting started](/api/docs/getting-started).`,
    ].join("\n\n"),
  });
  const json = JSON.stringify(document);
  const swagger = swaggerUiDist();
  const referencePage = renderReferencePage(swagger.version);

  router.get("/api/openapi.json", (_req, res) => {
    res.type("application/json").send(json);
  });

  router.get("/api/docs", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(referencePage);
  });

  router.get("/api/docs/getting-started", (req, res) => {
    // The curl lines name this server as the client reached it (a host name and port, nothing
    // a shell would read otherwise).
    const host = req.get("host") ?? "";
    const origin = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)
      ? `${req.protocol}://${host}`
      : "http://localhost:3000";
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(renderGettingStartedPage(origin, config, LANDING_POSTS));
  });

  router.get("/api/docs/static/:hash/:name", (req, res, next) => {
    const asset = DOCS_ASSETS[req.params.name as DocsAssetName] as
      (typeof DOCS_ASSETS)[DocsAssetName] | undefined;
    if (!asset || asset.hash !== req.params.hash) return next();
    res.setHeader("Cache-Control", FOR_GOOD);
    res.type(asset.type).send(asset.body);
  });

  // The version is in the path: an upgrade changes every URL, so the files are cached for good.
  const vendorStatic = express.static(swagger.dir, {
    index: false,
    dotfiles: "deny",
    immutable: true,
    maxAge: "365d",
  });
  router.use(`/api/docs/vendor/${swagger.version}`, (req, res, next) => {
    if (!VENDOR_FILES.has(req.path.slice(1))) return next();
    return vendorStatic(req, res, next);
  });
  return router;
}
