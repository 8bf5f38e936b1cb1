import fs from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import { MEDIA_FILE_NAME } from "@crm/contracts";
import { pagePreloads } from "@crm/contracts/page-preloads";

/**
 * Cache policy: hashed build assets are immutable for a year, media for a week, and
 * index.html is never cached so a deploy is picked up at once. Unknown non-API GETs get the SPA.
 */
export function serveStatic(app: Express, options: { webDistDir?: string; mediaDir: string }) {
  // Only hashed file names are served: no listing, no dot files, no path in the name.
  app.get("/media/:name", (req, res, next) => {
    if (!MEDIA_FILE_NAME.test(req.params.name)) return next();
    res.sendFile(
      req.params.name,
      {
        root: options.mediaDir,
        dotfiles: "deny",
        headers: { "Cache-Control": "public, max-age=604800, immutable" },
      },
      (error) => {
        if (error && !res.headersSent) res.status(404).end();
      },
    );
  });
  app.use("/media", (_req, res) => {
    res.status(404).end();
  });
  const dist = options.webDistDir;
  if (!dist || !fs.existsSync(path.join(dist, "index.html"))) return;
  const indexHtml = path.join(dist, "index.html");

  app.use(
    "/assets",
    express.static(path.join(dist, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: false,
    }),
  );
  app.use(
    express.static(dist, {
      index: false,
      setHeaders(res, file) {
        res.setHeader(
          "Cache-Control",
          file.endsWith(".html") ? "no-cache" : "public, max-age=3600",
        );
      },
    }),
  );
  app.get(/^(?!\/api\/|\/api$|\/healthz|\/readyz|\/webhook\/).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    res.setHeader("Cache-Control", "no-cache");
    // A signed-in user's first reads start with the page, not after the app's code has run.
    // `crossorigin=anonymous` is the app's own fetch mode (same-origin credentials), so its
    // requests take these responses.
    if (req.user) {
      const search = req.originalUrl.slice(req.path.length);
      const links = pagePreloads(req.path, search).map(
        (url) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`,
      );
      res.setHeader("Link", links.join(", "));
    }
    res.sendFile(indexHtml);
  });
}
