import { z } from "zod";
import { optionalText, text, ZCurrency, ZId, ZIdParams } from "./common";
import { ZPhone } from "./phone";
import { ZFlat } from "./inventory";
import { defineRoute } from "./routes";

/**
 * What a landing page (and anyone on the internet) may read about a complex. Every object is
 * strict: a field added to a query by mistake (a lead id, an owner, a hold's holder, a version)
 * fails the schema instead of being published.
 */
export const ZMediaKind = z.enum(["PHOTO", "PLAN"]);
export type TMediaKind = z.infer<typeof ZMediaKind>;

export const ZPublicMedia = z.strictObject({
  url: z.string(),
  kind: ZMediaKind,
  /** A plan's layout: the flats with this many rooms. */
  rooms: z.number().int().nullable(),
  width: z.number().int(),
  height: z.number().int(),
});

export const ZPublicFlat = ZFlat.pick({
  id: true,
  block: true,
  floor: true,
  number: true,
  rooms: true,
  area: true,
  price: true,
  pricePerM2: true,
})
  .extend({
    /** The plan of this flat's layout, if one was uploaded. */
    planUrl: z.string().nullable(),
  })
  .strict();
export type TPublicFlat = z.infer<typeof ZPublicFlat>;

export const ZPublicComplex = z.strictObject({
  slug: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
  description: z.string(),
  currency: ZCurrency,
  media: z.array(ZPublicMedia),
  /** Every FREE flat, cheapest first. */
  flats: z.array(ZPublicFlat),
});
export type TPublicComplex = z.infer<typeof ZPublicComplex>;

export const ZSlugParams = z.strictObject({ slug: text(80) });

export const ZLandingLanguage = z.enum(["ru", "uz"]);
export type TLandingLanguage = z.infer<typeof ZLandingLanguage>;

/** A visitor's request from a landing page. */
export const ZLandingRequest = z.strictObject({
  name: text(200),
  phone: ZPhone,
  /** The visitor agreed to be called and to the processing of the data (required). */
  consent: z.literal(true, { error: "Consent is required" }),
  /** Left empty by people; bots fill every field. */
  website: optionalText(200).optional(),
  flatId: ZId.optional(),
  lang: ZLandingLanguage.optional(),
});
export type TLandingRequest = z.infer<typeof ZLandingRequest>;

export const ZLandingRequestReply = z.strictObject({ status: z.literal("received") });

export const publicRoutes = {
  complex: defineRoute({
    method: "get",
    path: "/api/public/complexes/:slug",
    summary: "A published complex with its media and free flats (no login; cached)",
    tag: "public",
    access: "public",
    params: ZSlugParams,
    status: 200,
    response: ZPublicComplex,
    problems: [404],
  }),
  request: defineRoute({
    method: "post",
    path: "/api/public/complexes/:slug/requests",
    summary: "Leave a request from a complex's landing page (creates or updates a lead)",
    tag: "public",
    access: "public",
    params: ZSlugParams,
    body: ZLandingRequest,
    status: 202,
    response: ZLandingRequestReply,
    problems: [404, 429],
  }),
} as const;

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
