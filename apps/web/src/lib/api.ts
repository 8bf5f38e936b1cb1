import { ZProblem } from "@crm/contracts/common";
import { buildPath } from "@crm/contracts/routes";
import type {
  BodyInput,
  Params,
  QueryInput,
  Reply,
  RouteDef,
  TProblem,
  TProblemFieldError,
} from "@crm/contracts";
import type { z } from "zod";

/** A non-2xx answer from the API, carrying its RFC 9457 problem body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: TProblem;
  /** The contract route that failed, e.g. `post /api/auth/login`. */
  readonly route: Pick<RouteDef, "method" | "path">;
  /** Seconds from a `Retry-After` header (429, 503), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(
    problem: TProblem,
    route: Pick<RouteDef, "method" | "path">,
    retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
    this.route = { method: route.method, path: route.path };
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get fieldErrors(): TProblemFieldError[] {
    return this.problem.errors ?? [];
  }

  /** An extension member of the problem body (RFC 9457 §3.2), e.g. a 409's `duplicate`. */
  extension(name: string): unknown {
    return (this.problem as Record<string, unknown>)[name];
  }

  isRoute(route: Pick<RouteDef, "method" | "path">): boolean {
    return this.route.method === route.method && this.route.path === route.path;
  }
}

/** The response did not match the contract: a deploy mismatch between SPA and API. */
export class ContractMismatchError extends Error {
  constructor(route: RouteDef, issues: z.core.$ZodIssue[]) {
    super(
      `${route.method.toUpperCase()} ${route.path} answered outside its contract: ` +
        issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; "),
    );
    this.name = "ContractMismatchError";
  }
}

type HasSchema<R extends RouteDef, K extends "params" | "query" | "body"> = R[K] extends z.ZodType
  ? true
  : false;

/** Options for one call: `params` and `body` are required exactly when the route declares them. */
export type ApiOptions<R extends RouteDef> = (HasSchema<R, "params"> extends true
  ? { params: Params<R> }
  : { params?: undefined }) &
  (HasSchema<R, "query"> extends true ? { query?: QueryInput<R> } : { query?: undefined }) &
  (HasSchema<R, "body"> extends true ? { body: BodyInput<R> } : { body?: undefined }) & {
    signal?: AbortSignal;
    /** The request body of a route that takes a file (`consumes`), sent as it is. */
    file?: Blob;
  };

type ApiArgs<R extends RouteDef> =
  HasSchema<R, "params"> extends true
    ? [options: ApiOptions<R>]
    : HasSchema<R, "body"> extends true
      ? [options: ApiOptions<R>]
      : [options?: ApiOptions<R>];

function toSearch(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<TProblem> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): describe the status instead.
  }
  // Loose: extension members (RFC 9457 §3.2) such as `duplicate` must survive the parse.
  const parsed = ZProblem.loose().safeParse(body);
  if (parsed.success) return parsed.data;
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `HTTP_${response.status}`,
  };
}

/**
 * Calls one contract route: fills path parameters, sends JSON with the session cookie, parses
 * the success body with the route's response schema and throws `ApiError` for problems.
 */
export async function api<R extends RouteDef>(route: R, ...args: ApiArgs<R>): Promise<Reply<R>> {
  const options = (args[0] ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
    file?: Blob;
  };
  const url = buildPath(route.path, options.params) + toSearch(options.query);
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = {
    method: route.method.toUpperCase(),
    credentials: "same-origin",
    headers,
    signal: options.signal,
  };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  } else if (options.file) {
    headers["Content-Type"] =
      options.file.type || route.consumes?.[0] || "application/octet-stream";
    init.body = options.file;
  }

  const response = await fetch(url, init);
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new ApiError(
      { ...problem, status: response.status },
      route,
      parseRetryAfter(response.headers.get("Retry-After")),
    );
  }
  if (!route.response || response.status === 204) return undefined as Reply<R>;

  const parsed = route.response.safeParse(await response.json());
  if (!parsed.success) throw new ContractMismatchError(route, parsed.error.issues);
  return parsed.data as Reply<R>;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
