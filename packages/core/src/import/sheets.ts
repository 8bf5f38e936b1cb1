import { readFileSync } from "node:fs";
import { JWT } from "google-auth-library";
import type { GoogleSpreadsheet } from "google-spreadsheet";
import { z } from "zod";
import { AppError } from "../errors";
import { fillMerges, type Cell, type MergedRange, type SheetTable } from "./parse";

/**
 * How the server reaches Google Sheets. The service account's key comes from the environment
 * (inline JSON or a file path) and is never stored nor sent to a client. The two base URLs are
 * the one place the Google endpoints can be pointed elsewhere (a local fake in tests and the
 * benchmark); unset, the client's own Google URLs are used.
 */
export interface SheetsConfig {
  credentials: { clientEmail: string; privateKey: string } | null;
  /** Replaces `https://sheets.googleapis.com/v4/spreadsheets`. */
  apiUrl: string | null;
  /** Replaces `https://oauth2.googleapis.com/token`. */
  tokenUrl: string | null;
}

export const noSheets: SheetsConfig = { credentials: null, apiUrl: null, tokenUrl: null };

/** The environment variables of the Google connection, shared by the API's and worker's env. */
export const googleEnvShape = {
  GOOGLE_SERVICE_ACCOUNT_JSON: z.string().optional(),
  GOOGLE_SERVICE_ACCOUNT_FILE: z.string().optional(),
  GOOGLE_SHEETS_API_URL: z.url().optional(),
  GOOGLE_TOKEN_URL: z.url().optional(),
};
type GoogleEnv = { [K in keyof typeof googleEnvShape]?: string | undefined };

const ZServiceAccount = z.object({
  client_email: z.string().min(3),
  private_key: z.string().min(20),
});

/** Reads the service account once at start; a broken key stops the start, naming the variable. */
export function sheetsConfigFromEnv(env: GoogleEnv): SheetsConfig {
  let raw = env.GOOGLE_SERVICE_ACCOUNT_JSON;
  let origin = "GOOGLE_SERVICE_ACCOUNT_JSON";
  if (!raw && env.GOOGLE_SERVICE_ACCOUNT_FILE) {
    origin = "GOOGLE_SERVICE_ACCOUNT_FILE";
    try {
      raw = readFileSync(env.GOOGLE_SERVICE_ACCOUNT_FILE, "utf8");
    } catch {
      throw new Error(`${origin}: cannot read ${env.GOOGLE_SERVICE_ACCOUNT_FILE}`);
    }
  }
  let credentials: SheetsConfig["credentials"] = null;
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // The message never repeats the content: it is a private key.
      throw new Error(`${origin} is not JSON (a service-account key file is expected)`);
    }
    const account = ZServiceAccount.safeParse(parsed);
    if (!account.success) {
      throw new Error(`${origin} lacks client_email or private_key`);
    }
    credentials = { clientEmail: account.data.client_email, privateKey: account.data.private_key };
  }
  return {
    credentials,
    apiUrl: env.GOOGLE_SHEETS_API_URL?.replace(/\/+$/, "") ?? null,
    tokenUrl: env.GOOGLE_TOKEN_URL ?? null,
  };
}

/** An id, or the id inside a spreadsheet URL (`…/spreadsheets/d/<id>/edit#gid=0`). */
export function spreadsheetIdFrom(input: string): string | null {
  const trimmed = input.trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(trimmed);
  if (fromUrl) return fromUrl[1]!;
  return /^[A-Za-z0-9_-]{10,200}$/.test(trimmed) ? trimmed : null;
}

const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

function authFor(config: SheetsConfig): JWT {
  if (!config.credentials) {
    throw new AppError("CONFLICT", {
      detail:
        "Google Sheets is not configured on the server (GOOGLE_SERVICE_ACCOUNT_JSON or GOOGLE_SERVICE_ACCOUNT_FILE)",
    });
  }
  const jwt = new JWT({
    email: config.credentials.clientEmail,
    key: config.credentials.privateKey,
    scopes: ["https://www.googleapis.com/auth/spreadsheets.readonly"],
    // Node's own fetch: the library's fallback loads node-fetch through a dynamic import, which
    // some module loaders (jest's) refuse.
    transporterOptions: { fetchImplementation: globalThis.fetch },
  });
  const tokenUrl = config.tokenUrl;
  if (tokenUrl) {
    // The token endpoint is fixed inside the library; its HTTP client is ours to steer.
    jwt.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url).startsWith(GOOGLE_TOKEN_URL)) options.url = new URL(tokenUrl);
        return options;
      },
    });
  }
  return jwt;
}

/** The real client, pointed at the configured API URL when there is one. */
async function openSpreadsheet(
  config: SheetsConfig,
  spreadsheetId: string,
): Promise<GoogleSpreadsheet> {
  // Loaded on first use: it pulls in ES-module-only code that every reader of the core
  // (the bot, the test runners) would otherwise load for nothing.
  const auth = authFor(config);
  const { GoogleSpreadsheet } = await import("google-spreadsheet");
  const doc = new GoogleSpreadsheet(spreadsheetId, auth, {
    retryConfig: { limit: 1 },
  });
  if (config.apiUrl) {
    // `extend` keeps the client's auth and error hooks; only the prefix changes.
    const writable = doc as unknown as { sheetsApi: GoogleSpreadsheet["sheetsApi"] };
    writable.sheetsApi = doc.sheetsApi.extend({
      prefix: `${config.apiUrl}/${encodeURIComponent(spreadsheetId)}`,
    });
  }
  return doc;
}

/** Google's answer in words for a report; never the request (it carries the token). */
function googleFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { response?: { status?: number } })?.response?.status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 404) {
    return new AppError("VALIDATION_FAILED", {
      detail: "Google Sheets has no such spreadsheet",
      errors: [{ path: "spreadsheet", message: "No such spreadsheet", code: "not_found" }],
    });
  }
  if (status === 403 || status === 401) {
    return new AppError("VALIDATION_FAILED", {
      detail: "The service account may not read this spreadsheet: share it with the account",
      errors: [
        { path: "spreadsheet", message: "Not shared with the service account", code: "forbidden" },
      ],
    });
  }
  return new AppError("CONFLICT", {
    detail: `Google Sheets could not be read: ${message.slice(0, 300)}`,
  });
}

export interface SheetRead extends SheetTable {
  title: string;
  worksheets: string[];
  worksheet: string;
}

const columnLetter = (index: number): string => {
  let n = index;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

/**
 * Reads one worksheet (the named one, else the first) through google-spreadsheet: numbers as
 * numbers (unformatted values), formula errors as their codes, merged ranges filled.
 */
export async function readSheet(
  config: SheetsConfig,
  spreadsheetId: string,
  worksheet: string | null,
  options: { maxRows?: number } = {},
): Promise<SheetRead> {
  try {
    const doc = await openSpreadsheet(config, spreadsheetId);
    await doc.loadInfo();
    const sheet = worksheet ? doc.sheetsByTitle[worksheet] : doc.sheetsByIndex[0];
    if (!sheet) {
      throw new AppError("VALIDATION_FAILED", {
        detail: `The spreadsheet has no worksheet "${worksheet}"`,
        errors: [{ path: "worksheet", message: "No such worksheet", code: "not_found" }],
      });
    }
    const lastRow = options.maxRows ? Math.min(sheet.rowCount, options.maxRows) : sheet.rowCount;
    const range = `A1:${columnLetter(Math.max(sheet.columnCount, 1))}${Math.max(lastRow, 1)}`;
    const values = ((await sheet.getCellsInRange(range, {
      valueRenderOption: "UNFORMATTED_VALUE",
    })) ?? []) as unknown[][];
    // The merged ranges: the library keeps only the sheets' properties, so ask its API client.
    const meta = await doc.sheetsApi
      .get("", { searchParams: { fields: "sheets(properties(sheetId),merges)" } })
      .json<{ sheets?: { properties?: { sheetId?: number }; merges?: MergedRange[] }[] }>();
    const merges = meta.sheets?.find((s) => s.properties?.sheetId === sheet.sheetId)?.merges ?? [];
    const rows: Cell[][] = values.map((row) =>
      (row ?? []).map((value): Cell => {
        if (typeof value === "number") return value;
        if (value === null || value === undefined || value === "") return null;
        return String(value);
      }),
    );
    return {
      title: doc.title,
      worksheets: doc.sheetsByIndex.map((s) => s.title),
      worksheet: sheet.title,
      rows: fillMerges(rows, merges),
    };
  } catch (error) {
    throw googleFailure(error);
  }
}
