import type { AppConfig } from "../../config";
import { docsAssetUrl } from "./docs.assets";

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** Where Swagger UI's own files are served (the version in the path: cached for good). */
export const vendorUrl = (version: string, file: string) =>
  `/api/docs/vendor/${encodeURIComponent(version)}/${file}`;

function head(title: string, extra = "") {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${extra}<link rel="stylesheet" href="${docsAssetUrl("docs.css")}">
</head>`;
}

const nav = (
  current: "reference" | "getting-started",
) => `<nav aria-label="Documentation"><ul class="docs-nav">
<li>${current === "reference" ? "<strong>API reference</strong>" : '<a href="/api/docs">API reference</a>'}</li>
<li>${current === "getting-started" ? "<strong>Getting started</strong>" : '<a href="/api/docs/getting-started">Getting started</a>'}</li>
<li><a href="/api/openapi.json">OpenAPI document (JSON)</a></li>
</ul></nav>`;

/** The reference: a shell around Swagger UI, which renders /api/openapi.json in the browser. */
export function renderReferencePage(swaggerVersion: string) {
  return `${head(
    "RealEstate CRM API reference",
    `<link rel="stylesheet" href="${vendorUrl(swaggerVersion, "swagger-ui.css")}">
<link rel="icon" type="image/png" href="${vendorUrl(swaggerVersion, "favicon-32x32.png")}">
`,
  )}
<body>
<header class="docs-header">
<p class="docs-brand">RealEstate CRM · API</p>
<p>Every operation with its schemas, examples and the roles that may call it. To try one: log in
with <code>POST /api/auth/login</code>, press <strong>Authorize</strong> and paste the
<code>accessToken</code>.</p>
${nav("reference")}
</header>
<main id="swagger-ui"><p class="docs-page">Loading the reference… It needs JavaScript; the raw document is at
<a href="/api/openapi.json">/api/openapi.json</a>.</p></main>
<script src="${vendorUrl(swaggerVersion, "swagger-ui-bundle.js")}"></script>
<script src="${docsAssetUrl("docs.js")}"></script>
</body></html>`;
}

/** A shell block: shown as is, and run as is by the API test of this page (`data-run`). */
const shell = (code: string) => `<pre><code data-run>${escapeHtml(code.trim())}</code></pre>`;
/** Sample output: shown, not run. */
const output = (code: string) => `<pre><code>${escapeHtml(code.trim())}</code></pre>`;

const perWindow = (limit: { max: number; windowSeconds: number }) =>
  `${limit.max} requests per ${limit.windowSeconds} s`;

/**
 * How an API client logs in, pages through a list, reads errors and stays within the limits.
 * `origin` is where this page was asked for, so its curl lines run against this server as they
 * are; the limits are the ones this server enforces.
 */
export function renderGettingStartedPage(
  origin: string,
  config: Pick<AppConfig, "rateLimit" | "loginRateLimit" | "loginLock" | "landingRateLimit">,
  landingDefault: { max: number; windowSeconds: number },
) {
  const landing = config.landingRateLimit ?? landingDefault;
  return `${head("Getting started with the RealEstate CRM API")}
<body>
<header class="docs-header">
<h1>Getting started with the API</h1>
<p>A JSON REST API over HTTPS. Four things to know: how to log in, how lists are paged, what an
error looks like and how many requests you may send. Every operation is in the
<a href="/api/docs">API reference</a>.</p>
${nav("getting-started")}
</header>
<main class="docs-page">

<h2 id="login">1. Log in and send the token</h2>
<p><code>POST /api/auth/login</code> with a login and password answers with the user and an
<code>accessToken</code> (a JWT, valid until <code>expiresAt</code>). Send it on every request as
<code>Authorization: Bearer &lt;token&gt;</code>. (Browsers get the same token as the HTTP-only
<code>access_token</code> cookie; API clients use the header.) The examples use
<a href="https://curl.se/">curl</a> and <a href="https://jqlang.org/">jq</a> and the demo user
<code>seller</code>; use your own login and password.</p>
${shell(`
BASE=${origin}
TOKEN=$(curl -sS -X POST "$BASE/api/auth/login" \\
  -H 'Content-Type: application/json' \\
  -d '{"login":"seller","password":"demo12345"}' | jq -r .accessToken)
curl -sS "$BASE/api/auth/me" -H "Authorization: Bearer $TOKEN"
`)}
${output(`{"id":2,"login":"seller","firstName":"Aziza","lastName":"Karimova","phone":null,"role":"SELLER","roleName":"Seller"}`)}
<p>What a role may do is listed on each operation in the reference (“Roles: …”). A token stops
working when it expires, on <code>POST /api/auth/logout</code>, and when the user is deactivated or
their password is reset: then any call answers <code>401</code> and the client logs in again.</p>

<h2 id="pagination">2. Page through lists with cursors</h2>
<p>Lists (leads, users, flat search, the audit log, expenses, the payments register, import rows)
answer one page at a time:</p>
${output(`{ "items": [ … ], "nextCursor": "WyIyMDI2LTAyLTI3VDA4OjA1OjAwLjAwMFoiLDEwNDJd" }`)}
<p><code>limit</code> sets the page size (1–200, 50 by default). To get the next page, repeat the
same request — the same filters and sort — with <code>cursor</code> set to the
<code>nextCursor</code> you got. <code>nextCursor</code> is <code>null</code> on the last page.
Cursors are opaque: do not build or change them (a cursor that was not given out, or one used with
another sort, is refused with <code>400</code>). Pages are keyset pages, so rows added meanwhile
neither repeat nor shift the next page.</p>
${shell(`
PAGE=$(curl -sS "$BASE/api/leads?limit=2" -H "Authorization: Bearer $TOKEN")
echo "$PAGE" | jq -c '{ids: [.items[].id], nextCursor}'
CURSOR=$(echo "$PAGE" | jq -r .nextCursor)
curl -sS "$BASE/api/leads?limit=2&cursor=$CURSOR" -H "Authorization: Bearer $TOKEN" \\
  | jq -c '{ids: [.items[].id], nextCursor}'
`)}
<p>Every page, until <code>nextCursor</code> is <code>null</code>:</p>
${shell(`
URL="$BASE/api/leads?limit=100"
while :; do
  PAGE=$(curl -sS "$URL" -H "Authorization: Bearer $TOKEN")
  echo "$PAGE" | jq -r '.items[] | "\\(.id) \\(.fullName)"'
  CURSOR=$(echo "$PAGE" | jq -r '.nextCursor // empty')
  [ -n "$CURSOR" ] || break
  URL="$BASE/api/leads?limit=100&cursor=$CURSOR"
done
`)}

<h2 id="errors">3. Read errors</h2>
<p>Every error is an <code>application/problem+json</code> body (RFC 9457) with the HTTP status:</p>
<table>
<thead><tr><th>Field</th><th>Meaning</th></tr></thead>
<tbody>
<tr><td><code>status</code></td><td>The HTTP status again.</td></tr>
<tr><td><code>code</code></td><td>What went wrong, for programs: <code>VALIDATION_FAILED</code>, <code>MALFORMED_JSON</code>, <code>UNAUTHENTICATED</code>, <code>INVALID_CREDENTIALS</code>, <code>FORBIDDEN</code>, <code>NOT_FOUND</code>, <code>CONFLICT</code>, <code>GONE</code>, <code>PAYLOAD_TOO_LARGE</code>, <code>UNSUPPORTED_MEDIA_TYPE</code>, <code>RATE_LIMITED</code>, <code>LOGIN_LOCKED</code>, <code>UNAVAILABLE</code>.</td></tr>
<tr><td><code>type</code>, <code>title</code></td><td>A URI naming the kind of problem and its short English title.</td></tr>
<tr><td><code>detail</code></td><td>This occurrence in words, for people.</td></tr>
<tr><td><code>errors</code></td><td>With <code>400 VALIDATION_FAILED</code>: one entry per wrong field — its <code>path</code> (dotted, e.g. <code>items.0.price</code>), a <code>message</code> and a <code>code</code>.</td></tr>
<tr><td><code>instance</code>, <code>requestId</code></td><td>The path asked for and the request’s id (also the <code>X-Request-Id</code> header): quote it when you report a problem.</td></tr>
</tbody></table>
<p>Some problems carry more members, e.g. a <code>409</code> for a duplicate phone tells whose the
existing lead is (<code>duplicate</code>). Bad input never changes anything. A page size over the
limit:</p>
${shell(`
curl -sS "$BASE/api/leads?limit=500" -H "Authorization: Bearer $TOKEN"
`)}
${output(`{"type":"https://realestate-crm.uz/problems/validation-failed","title":"Invalid input","status":400,"code":"VALIDATION_FAILED","instance":"/api/leads","requestId":"…","detail":"The request did not match the contract","errors":[{"path":"query.limit","message":"Too big: expected number to be <=200","code":"too_big"}]}`)}
<p>Without a valid token:</p>
${shell(`
curl -sS "$BASE/api/leads"
`)}

<h2 id="rate-limits">4. Rate limits</h2>
<table>
<thead><tr><th>What</th><th>Limit, per client address</th><th>When exceeded</th></tr></thead>
<tbody>
<tr><td>Every request under <code>/api</code> (and webhooks)</td><td>${perWindow(config.rateLimit)}</td><td><code>429 RATE_LIMITED</code></td></tr>
<tr><td><code>POST /api/auth/login</code>, besides the above</td><td>${perWindow(config.loginRateLimit)}</td><td><code>429 RATE_LIMITED</code></td></tr>
<tr><td>Wrong passwords for one login</td><td>${config.loginLock.maxFailures} in a row lock the login for ${config.loginLock.minutes} min (even the right password is refused meanwhile)</td><td><code>429 LOGIN_LOCKED</code></td></tr>
<tr><td>Requests from landing pages (<code>POST /api/public/complexes/{slug}/requests</code>)</td><td>${perWindow(landing)}</td><td><code>429 RATE_LIMITED</code></td></tr>
</tbody></table>
<p>Counts are kept per fixed window and shared by all API servers. Every limited response carries
the IETF draft headers <code>RateLimit-Policy: &lt;limit&gt;;w=&lt;window seconds&gt;</code> and
<code>RateLimit: limit=…, remaining=…, reset=&lt;seconds until the window ends&gt;</code>; a
<code>429</code> adds <code>Retry-After: &lt;seconds&gt;</code> and a problem body. Wait that long
before retrying, and spread bulk work out rather than retrying at once.</p>
${shell(`
curl -sS -o /dev/null -D - "$BASE/api/auth/me" -H "Authorization: Bearer $TOKEN" | grep -i '^ratelimit'
`)}
${output(`RateLimit-Policy: ${config.rateLimit.max};w=${config.rateLimit.windowSeconds}
RateLimit: limit=${config.rateLimit.max}, remaining=${config.rateLimit.max - 7}, reset=${config.rateLimit.windowSeconds - 2}`)}
${output(`HTTP/1.1 429 Too Many Requests
Retry-After: 42
Content-Type: application/problem+json; charset=utf-8

{"type":"https://realestate-crm.uz/problems/rate-limited","title":"Too many requests","status":429,"code":"RATE_LIMITED","instance":"/api/leads","requestId":"…","detail":"Limit of ${config.rateLimit.max} requests per ${config.rateLimit.windowSeconds} s reached; retry later"}`)}
</main>
</body></html>`;
}
