import { AppError } from "./errors";

/** Signatures of the file types the API accepts, read from a file's first bytes. */
const SIGNATURES = [
  {
    type: "application/pdf",
    ext: "pdf",
    parts: [{ at: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }],
  }, // %PDF-
  {
    type: "image/png",
    ext: "png",
    parts: [{ at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  },
  { type: "image/jpeg", ext: "jpg", parts: [{ at: 0, bytes: [0xff, 0xd8, 0xff] }] },
  {
    type: "image/webp",
    ext: "webp",
    // RIFF....WEBP
    parts: [
      { at: 0, bytes: [0x52, 0x49, 0x46, 0x46] },
      { at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
    ],
  },
] as const;

export type FileKind = (typeof SIGNATURES)[number];

export function sniffType(file: Buffer): FileKind | null {
  return (
    SIGNATURES.find((sig) =>
      sig.parts.every((part) => part.bytes.every((byte, i) => file[part.at + i] === byte)),
    ) ?? null
  );
}

/**
 * An uploaded file's type by its content, never by what the client says: 413 over `maxBytes`,
 * 415 when it is none of `types`.
 */
export function checkUpload(
  bytes: Buffer,
  rule: { maxBytes: number; types: readonly string[]; what: string; expected: string },
): FileKind {
  if (bytes.length > rule.maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", {
      detail: `${rule.what} may be at most ${rule.maxBytes / 1024 / 1024} MB`,
    });
  const kind = sniffType(bytes);
  if (!kind || !rule.types.includes(kind.type))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { detail: rule.expected });
  return kind;
}
