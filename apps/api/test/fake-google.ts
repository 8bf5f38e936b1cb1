import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { importFlats } from "@crm/core";

/**
 * A local stand-in for Google: the OAuth token endpoint and the Sheets API calls that
 * google-spreadsheet makes (spreadsheet metadata, values of a range). Tests and the benchmark
 * point the real client at it through the one configurable base URL.
 */
export interface FakeWorksheet {
  title: string;
  rows: (string | number | null)[][];
  merges?: {
    startRowIndex: number;
    endRowIndex: number;
    startColumnIndex: number;
    endColumnIndex: number;
  }[];
}

export interface FakeGoogle {
  url: string;
  config: importFlats.SheetsConfig;
  spreadsheets: Map<string, { title: string; sheets: FakeWorksheet[] }>;
  /** Method and path of every request, token requests included. */
  requests: string[];
  /** Answers every Sheets call with this status while set (an outage, a revoked share). */
  failWith: number | null;
  close(): Promise<void>;
}

const TOKEN = "fake-access-token";

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => resolve(text));
  });

const rowOf = (a1: string) => Number(/(\d+)$/.exec(a1)?.[1] ?? Infinity);

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const fake = {
    spreadsheets: new Map(),
    requests: [] as string[],
    failWith: null as number | null,
  } as FakeGoogle;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    fake.requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    const googleError = (code: number, message: string) =>
      send(code, {
        error: { code, message, status: code === 404 ? "NOT_FOUND" : "PERMISSION_DENIED" },
      });

    if (req.method === "POST" && url.pathname === "/token") {
      const form = new URLSearchParams(await body(req));
      if (!form.get("assertion")) return send(400, { error: "invalid_grant" });
      return send(200, { access_token: TOKEN, expires_in: 3600, token_type: "Bearer" });
    }
    const match = /^\/v4\/spreadsheets\/([^/]+)\/?(.*)$/.exec(url.pathname);
    if (!match) return googleError(404, "Not found");
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return googleError(401, "Unauthenticated");
    if (fake.failWith) return googleError(fake.failWith, "The caller does not have permission");
    const doc = fake.spreadsheets.get(decodeURIComponent(match[1]!));
    if (!doc) return googleError(404, "Requested entity was not found.");
    const rest = decodeURIComponent(match[2] ?? "");
    if (rest === "") {
      return send(200, {
        spreadsheetId: match[1],
        properties: { title: doc.title, locale: "ru_RU" },
        sheets: doc.sheets.map((sheet, index) => ({
          properties: {
            sheetId: index + 1,
            title: sheet.title,
            index,
            sheetType: "GRID",
            gridProperties: {
              rowCount: Math.max(sheet.rows.length, 1000),
              columnCount: Math.max(26, ...sheet.rows.map((row) => row.length)),
            },
          },
          merges: sheet.merges ?? [],
        })),
      });
    }
    const values = /^values\/(.+)$/.exec(rest);
    if (req.method === "GET" && values) {
      const [sheetPart, range = ""] = values[1]!.split("!");
      const title = sheetPart!.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
      const sheet = doc.sheets.find((s) => s.title === title);
      if (!sheet)
        return send(400, { error: { code: 400, message: `Unable to parse range: ${values[1]}` } });
      const last = rowOf(range.split(":")[1] ?? "");
      const rows = sheet.rows.slice(0, Number.isFinite(last) ? last : undefined).map((row) => {
        // The API leaves out trailing empty cells and sends empty cells inside a row as "".
        const out = row.map((cell) => (cell === null ? "" : cell));
        while (out.length && out[out.length - 1] === "") out.pop();
        return out;
      });
      while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
      return send(200, { range: values[1], majorDimension: "ROWS", values: rows });
    }
    return googleError(404, "Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = url;
  fake.config = {
    credentials: { clientEmail: "crm-import@test-project.iam.gserviceaccount.com", privateKey },
    apiUrl: `${url}/v4/spreadsheets`,
    tokenUrl: `${url}/token`,
  };
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
