import { z } from "zod";
import { ZId, ZIdParams } from "./common";
import { defineRoute } from "./routes";

export const ZMediaKind = z.enum(["PHOTO", "PLAN"]);
export type TMediaKind = z.infer<typeof ZMediaKind>;

/** Photos and plans an admin uploads for a complex's landing page. */
export const MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
/** The long side of a stored image, in pixels (larger uploads are scaled down). */
export const MEDIA_MAX_SIDE = 1600;
/** A stored file's name: a content hash and an extension, nothing a path could hide in. */
export const MEDIA_FILE_NAME = /^[0-9a-f]{16,64}\.(?:webp|jpg)$/;

export const ZComplexMedia = z.object({
  id: ZId,
  complexId: ZId,
  kind: ZMediaKind,
  rooms: z.number().int().nullable(),
  url: z.string(),
  mimeType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  position: z.number().int(),
  createdAt: z.string(),
});
export type TComplexMedia = z.infer<typeof ZComplexMedia>;

export const ZMediaUploadQuery = z
  .strictObject({
    kind: ZMediaKind,
    /** For a plan: the layout it shows, by rooms (0 for a studio). */
    rooms: z.coerce.number().int().min(0).max(20).optional(),
  })
  .refine((query) => query.kind === "PHOTO" || query.rooms !== undefined, {
    message: "A plan needs its layout's rooms",
    path: ["rooms"],
  })
  .refine((query) => query.kind === "PLAN" || query.rooms === undefined, {
    message: "Only a plan has rooms",
    path: ["rooms"],
  });
export type TMediaUploadQuery = z.infer<typeof ZMediaUploadQuery>;

export const ZMediaParams = z.strictObject({ id: ZId, mediaId: ZId });

export const mediaRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/complexes/:id/media",
    summary: "The photos and plans of a complex's landing page, in page order",
    tag: "public",
    access: ["ADMIN"],
    params: ZIdParams,
    status: 200,
    response: z.object({ items: z.array(ZComplexMedia) }),
    problems: [404],
  }),
  upload: defineRoute({
    method: "post",
    path: "/api/complexes/:id/media",
    summary:
      "Upload a photo or a layout's plan (the body is the image: JPEG, PNG or WebP by content, at most 10 MB)",
    tag: "public",
    access: ["ADMIN"],
    params: ZIdParams,
    query: ZMediaUploadQuery,
    consumes: MEDIA_TYPES,
    status: 201,
    response: ZComplexMedia,
    problems: [404, 409, 413, 415],
  }),
  remove: defineRoute({
    method: "delete",
    path: "/api/complexes/:id/media/:mediaId",
    summary: "Remove a photo or a plan (and its file)",
    tag: "public",
    access: ["ADMIN"],
    params: ZMediaParams,
    status: 204,
    response: null,
    problems: [404],
  }),
} as const;
