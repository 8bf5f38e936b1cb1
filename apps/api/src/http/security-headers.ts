import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

/** The security headers of every response (helmet), with the product's content policy. */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: { "img-src": ["'self'", "data:", "blob:"], "connect-src": ["'self'"] },
    },
  });
}

/**
 * The same headers as a fixed list, for a path that answers before the Express pipeline (the
 * public fast path): helmet's middleware is run once against a recorder, so the two can never
 * differ.
 */
export function securityHeaderList(): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  } as unknown as ServerResponse;
  let done = false;
  securityHeaders()({ headers: {} } as IncomingMessage, recorder, () => (done = true));
  if (!done) throw new Error("helmet did not finish synchronously");
  return [...headers];
}
