import { Router } from "express";
import { allRoutes, buildOpenApi } from "@crm/contracts";

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** `/api/openapi.json` (generated from the contracts) and a dependency-free docs page. */
export function docsRouter() {
  const router = Router();
  const document = buildOpenApi(allRoutes, {
    title: "RealEstate CRM API",
    version: "1.0.0",
    description:
      "JSON REST API. Authenticate with POST /api/auth/login; send the token as the access_token cookie or `Authorization: Bearer <token>`. Errors are application/problem+json (RFC 9457).",
  });
  const json = JSON.stringify(document);

  router.get("/api/openapi.json", (_req, res) => {
    res.type("application/json").send(json);
  });

  router.get("/api/docs", (_req, res) => {
    const rows = allRoutes
      .map((route) => {
        const access = Array.isArray(route.access) ? route.access.join(", ") : String(route.access);
        return `<tr><td><code>${route.method.toUpperCase()}</code></td><td><code>${escape(route.path)}</code></td><td>${escape(route.summary)}</td><td>${escape(access)}</td></tr>`;
      })
      .join("\n");
    res.type("html").send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RealEstate CRM API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left;vertical-align:top}
code{font-size:13px}th{background:#f3f4f6}</style></head>
<body><h1>RealEstate CRM API</h1>
<p>${escape(String(document.info.description))}</p>
<p>Machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${document.openapi}; request and response schemas, roles per operation in <code>x-roles</code>).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who may call</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`);
  });
  return router;
}
