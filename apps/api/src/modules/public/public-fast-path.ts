import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { ZSlugParams } from "@crm/contracts";
import type { LandingCache } from "@crm/core";
import { requestIdOf, writeRequestLine } from "../../http/request-log";
import { securityHeaderList } from "../../http/security-headers";
import type { Logger } from "../../lib/logger";

const PREFIX = "/api/public/complexes/";
/** Below this a compressed body saves less than it costs (the compression middleware's default). */
const COMPRESS_FROM = 1024;

interface Variants {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** br, then gzip, then none — as the client accepts them (`q=0` refuses one). */
export function pickEncoding(accept: string | undefined): "br" | "gzip" | null {
  if (!accept) return null;
  let br = false;
  let gzip = false;
  for (const part of accept.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
    if (refused) continue;
    if (name === "br") br = true;
    else if (name === "gzip" || name === "*") gzip = true;
  }
  return br ? "br" : gzip ? "gzip" : null;
}

/**
 * The hottest public read, `GET /api/public/complexes/:slug` on a warm cache, answered before
 * the rest of the pipeline (decision 013): a cache hit is a buffer write, and the framework's
 * routing, body and cookie parsing, authentication and the rate-limit counter each cost more
 * than the write itself. What every response gets still applies here: the request id and log
 * line, the same security headers (taken from the same helmet configuration) and compression
 * (each cached entry compressed once, not per request). Everything else goes on to the full
 * pipeline: a cache miss (which reads the database and is rate-limited there), a cross-origin
 * request (CORS is decided in one place), a slug the contract would refuse, any other route.
 */
export function publicFastPath(options: {
  cache: LandingCache;
  logger: Logger;
  compression: boolean;
}) {
  const { cache, logger } = options;
  const security = securityHeaderList();
  const variants = new Map<string, Variants>();

  const variantsOf = (slug: string, bytes: Buffer): Variants => {
    let entry = variants.get(slug);
    if (!entry || (entry.identity !== bytes && !entry.identity.equals(bytes))) {
      entry = { identity: bytes };
      variants.set(slug, entry);
      // Slugs are of published complexes (a hit), so this map is as small as the catalogue.
    }
    return entry;
  };

  const encoded = (slug: string, bytes: Buffer, encoding: "br" | "gzip" | null) => {
    if (!encoding || !options.compression || bytes.length < COMPRESS_FROM) return null;
    const entry = variantsOf(slug, bytes);
    if (encoding === "br") {
      entry.br ??= zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      });
      return entry.br;
    }
    entry.gzip ??= zlib.gzipSync(bytes, { level: 9 });
    return entry.gzip;
  };

  // Every header but the per-request ones, as a flat list: writeHead with a list skips the
  // per-header bookkeeping of setHeader, a measurable share of a cache hit.
  const fixed = [
    ...security.flat(),
    "Content-Type",
    "application/json; charset=utf-8",
    // Always revalidated: a booked flat must leave the list at once, also for proxies.
    "Cache-Control",
    "no-cache",
    ...(options.compression ? ["Vary", "Accept-Encoding"] : []),
  ];

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    slug: string,
    bytes: Buffer,
    started: bigint,
  ): void => {
    const id = requestIdOf(req);
    const encoding = pickEncoding(req.headers["accept-encoding"]);
    const body = encoded(slug, bytes, encoding);
    const headers = [
      ...fixed,
      "X-Request-Id",
      id,
      "Content-Length",
      String((body ?? bytes).length),
    ];
    if (body) headers.push("Content-Encoding", encoding!);
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : (body ?? bytes));
    writeRequestLine(logger, {
      reqId: id,
      method: req.method,
      url: req.url,
      status: 200,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
  };

  /** Serves a hit, or calls `next()` for whatever it does not serve. */
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? "";
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      !url.startsWith(PREFIX) ||
      req.headers.origin !== undefined
    ) {
      return next();
    }
    const slug = decodeSlug(url.slice(PREFIX.length));
    if (slug === null) return next();
    const started = process.hrtime.bigint();
    cache.peek(slug).then(
      (bytes) => (bytes ? answer(req, res, slug, bytes, started) : next()),
      () => next(),
    );
  };
}

/** The slug of `/api/public/complexes/<slug>` as the router would give it; null to fall through. */
function decodeSlug(rest: string): string | null {
  if (rest.length === 0 || rest.includes("/") || rest.includes("?")) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(rest);
  } catch {
    return null;
  }
  return ZSlugParams.safeParse({ slug }).success ? slug : null;
}
