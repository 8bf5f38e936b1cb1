import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import {
  MAX_MEDIA_BYTES,
  MEDIA_MAX_SIDE,
  MEDIA_TYPES,
  type TComplexMedia,
  type TMediaUploadQuery,
} from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { checkUpload } from "../file-type";
import { mediaUrl } from "./landing";

/**
 * Photos and layout plans of a complex's landing page. An upload is checked by its content,
 * decoded and written anew (scaled to MEDIA_MAX_SIDE, metadata dropped) as WebP under a name
 * made of its hash, so a stored file never changes and is served with a long cache.
 */
type MediaRow = Awaited<ReturnType<Db["complexMedia"]["findFirstOrThrow"]>>;

const toMedia = (row: MediaRow): TComplexMedia => ({
  id: row.id,
  complexId: row.complexId,
  kind: row.kind as TComplexMedia["kind"],
  rooms: row.rooms,
  url: mediaUrl(row.fileName),
  mimeType: row.mimeType,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  position: row.position,
  createdAt: row.createdAt.toISOString(),
});

const summary = (row: MediaRow) => ({
  id: row.id,
  kind: row.kind as TComplexMedia["kind"],
  rooms: row.rooms,
  url: mediaUrl(row.fileName),
});

async function complexExists(db: Db, complexId: number) {
  const complex = await db.complex.findUnique({ where: { id: complexId }, select: { id: true } });
  if (!complex) throw notFound("Complex");
}

const fileInUse = async (db: Db, fileName: string) =>
  (await db.complexMedia.count({ where: { fileName } })) > 0;

export async function listMedia(db: Db, complexId: number): Promise<{ items: TComplexMedia[] }> {
  await complexExists(db, complexId);
  const rows = await db.complexMedia.findMany({
    where: { complexId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return { items: rows.map(toMedia) };
}

/** Decodes an image and writes it anew as WebP; a file that does not decode is a 415. */
async function reencode(bytes: Buffer) {
  try {
    const { data, info } = await sharp(bytes, { failOn: "error" })
      .rotate()
      .resize({
        width: MEDIA_MAX_SIDE,
        height: MEDIA_MAX_SIDE,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { detail: "The image could not be read" });
  }
}

export async function addMedia(
  db: Db,
  actor: Actor,
  complexId: number,
  query: TMediaUploadQuery,
  bytes: Buffer,
  dir: string,
): Promise<TComplexMedia> {
  checkUpload(bytes, {
    maxBytes: MAX_MEDIA_BYTES,
    types: MEDIA_TYPES,
    what: "An image",
    expected: "Upload a JPEG, PNG or WebP image",
  });
  await complexExists(db, complexId);
  const image = await reencode(bytes);
  const fileName = `${createHash("sha256").update(image.data).digest("hex").slice(0, 32)}.webp`;
  if (await fileInUse(db, fileName))
    throw new AppError("CONFLICT", { detail: "This image is already uploaded" });

  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, fileName);
  await fs.writeFile(file, image.data);
  try {
    const row = await db.$transaction(async (tx) => {
      const last = await tx.complexMedia.aggregate({
        where: { complexId },
        _max: { position: true },
      });
      const created = await tx.complexMedia.create({
        data: {
          complexId,
          kind: query.kind,
          rooms: query.kind === "PLAN" ? (query.rooms ?? null) : null,
          fileName,
          mimeType: "image/webp",
          width: image.width,
          height: image.height,
          bytes: image.data.length,
          position: (last._max.position ?? -1) + 1,
        },
      });
      await audit(tx, actor, {
        action: "complex.media_add",
        entityId: complexId,
        after: summary(created),
      });
      return created;
    });
    return toMedia(row);
  } catch (error) {
    // The same image uploaded at the same moment by another request keeps its file.
    if (!(await fileInUse(db, fileName))) await fs.rm(file, { force: true });
    throw error;
  }
}

export async function removeMedia(
  db: Db,
  actor: Actor,
  complexId: number,
  mediaId: number,
  dir: string,
): Promise<void> {
  const row = await db.complexMedia.findFirst({ where: { id: mediaId, complexId } });
  if (!row) throw notFound("Media");
  await db.$transaction(async (tx) => {
    const deleted = await tx.complexMedia.deleteMany({ where: { id: mediaId } });
    if (deleted.count === 0) throw notFound("Media");
    await audit(tx, actor, {
      action: "complex.media_remove",
      entityId: complexId,
      before: summary(row),
    });
  });
  await fs.rm(path.join(dir, path.basename(row.fileName)), { force: true });
}
