import crypto from "node:crypto";

/**
 * Our own files of the docs pages: the style shared by the API reference and the getting-started
 * page, and the script that starts Swagger UI. Kept as strings so the bundled API (dist/) carries
 * them without a copy step; served as files (never inline) so helmet's CSP stays `script-src
 * 'self'`.
 */

/**
 * Readable on a 390 px phone: Swagger UI lays operations out for a desktop, so long paths, the
 * parameter tables and the code samples are made to wrap or scroll inside their own box — the
 * page itself never scrolls sideways.
 */
const DOCS_CSS = `
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2937; background: #fff; overflow-wrap: anywhere; }
.docs-header, .docs-page { max-width: 1100px; margin: 0 auto; padding: 1rem; box-sizing: border-box; }
.docs-header { border-bottom: 1px solid #e5e7eb; }
.docs-header h1 { margin: 0 0 .25rem; font-size: 1.5rem; line-height: 1.25; }
.docs-header p { margin: .25rem 0; }
.docs-brand { font-weight: 700; font-size: 1.1rem; }
.docs-nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .5rem 0 0; padding: 0; list-style: none; }
.docs-nav a, .docs-page a { color: #1d4ed8; }
.docs-page h2 { margin: 2rem 0 .5rem; font-size: 1.25rem; }
.docs-page h3 { margin: 1.25rem 0 .25rem; font-size: 1.05rem; }
.docs-page code { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f3f4f6; border-radius: 3px; padding: 0 .2em; }
.docs-page pre { background: #111827; color: #f9fafb; border-radius: 6px; padding: .75rem 1rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.docs-page pre code { background: none; color: inherit; padding: 0; }
.docs-page table { border-collapse: collapse; width: 100%; }
.docs-page th, .docs-page td { border-bottom: 1px solid #e5e7eb; padding: .4rem .5rem; text-align: left; vertical-align: top; }
.docs-page th { background: #f3f4f6; }
@media (max-width: 640px) {
  .docs-page table, .docs-page thead, .docs-page tbody, .docs-page tr, .docs-page th, .docs-page td { display: block; }
  .docs-page thead { display: none; }
  .docs-page td { border: 0; padding: .1rem 0; }
  .docs-page tr { border-bottom: 1px solid #e5e7eb; padding: .4rem 0; }
}

/* Swagger UI */
#swagger-ui { max-width: 1100px; margin: 0 auto; }
.swagger-ui { overflow-wrap: anywhere; }
.swagger-ui .wrapper { padding: 0 1rem; box-sizing: border-box; max-width: 100%; }
.swagger-ui .information-container .info { margin: 1rem 0; }
.swagger-ui .opblock .opblock-summary { flex-wrap: wrap; gap: .25rem; }
.swagger-ui .opblock .opblock-summary-path,
.swagger-ui .opblock .opblock-summary-path__deprecated { word-break: break-all; max-width: 100%; flex-shrink: 1; }
.swagger-ui .opblock .opblock-summary-description { min-width: 0; }
.swagger-ui .opblock-tag { flex-wrap: wrap; }
.swagger-ui .opblock-tag small { min-width: 0; }
.swagger-ui pre, .swagger-ui .microlight, .swagger-ui .highlight-code { max-width: 100%; overflow-x: auto; }
.swagger-ui .responses-inner, .swagger-ui .parameters-container, .swagger-ui .opblock-body { overflow-x: auto; }
.swagger-ui .model-box, .swagger-ui .model-example { max-width: 100%; overflow-x: auto; }
.swagger-ui table { table-layout: auto; }
.swagger-ui .scheme-container { padding: .75rem 0; }
/* Swagger UI's version badges and document link are below AA contrast; darker shades here. */
.swagger-ui .info .title small { background: #4b5563; }
.swagger-ui .info .title small.version-stamp { background: #2f6f09; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1d4ed8; }
/* The method badges carry white text: their shades are darkened to AA, and the Authorize
   button's green text too. */
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d4ed8; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #15803d; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #b45309; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f766e; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b91c1c; }
.swagger-ui .btn.authorize, .swagger-ui .btn.authorize span { color: #166534; border-color: #166534; }
.swagger-ui .btn.authorize svg { fill: #166534; }
.swagger-ui .auth-wrapper { flex-wrap: wrap; }
.swagger-ui .dialog-ux .modal-ux { width: calc(100% - 2rem); max-width: 650px; box-sizing: border-box; }
.swagger-ui .filter-container .operation-filter-input { box-sizing: border-box; max-width: 100%; }
@media (max-width: 640px) {
  .swagger-ui .wrapper { padding: 0 .5rem; }
  .swagger-ui .opblock .opblock-summary { padding: .4rem; }
  .swagger-ui .opblock .opblock-summary-method { min-width: 4.5rem; }
  .swagger-ui .opblock .opblock-summary-description { flex-basis: 100%; }
  .swagger-ui .parameters-col_description { width: auto; }
  .swagger-ui .parameters-col_name { width: 35%; }
  .swagger-ui table.parameters td, .swagger-ui table.responses-table td { padding: .5rem .25rem; }
  .swagger-ui .response-col_status { width: 3.5rem; }
  .swagger-ui .opblock-section-header { flex-wrap: wrap; }
  .swagger-ui .btn { padding: .35rem .9rem; }
}
`;

/** Starts Swagger UI on the generated document (same origin: the SPA's cookie goes along). */
const DOCS_JS = `"use strict";
window.addEventListener("DOMContentLoaded", function () {
  window.ui = window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: true,
    withCredentials: true,
    validatorUrl: null,
  });
});
`;

export interface DocsAsset {
  body: string;
  type: string;
  /** A content hash for the URL, so the file may be cached for good. */
  hash: string;
}

const asset = (body: string, type: string): DocsAsset => ({
  body,
  type,
  hash: crypto.createHash("sha256").update(body).digest("hex").slice(0, 12),
});

export const DOCS_ASSETS = {
  "docs.css": asset(DOCS_CSS, "text/css; charset=utf-8"),
  "docs.js": asset(DOCS_JS, "text/javascript; charset=utf-8"),
} as const;

export type DocsAssetName = keyof typeof DOCS_ASSETS;

export const docsAssetUrl = (name: DocsAssetName) =>
  `/api/docs/static/${DOCS_ASSETS[name].hash}/${name}`;
