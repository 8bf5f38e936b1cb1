import { AppError } from "./errors";

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(
  cursor: string | undefined,
  check: (value: unknown) => value is T,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (check(value)) return value;
  } catch {
    // fall through to the problem below
  }
  throw new AppError("VALIDATION_FAILED", {
    detail: "Invalid cursor",
    errors: [{ path: "query.cursor", message: "Invalid cursor", code: "invalid_cursor" }],
  });
}

const isId = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;
export const encodeIdCursor = (id: number) => encodeCursor(id);
export const decodeIdCursor = (cursor: string | undefined) => decodeCursor(cursor, isId);
