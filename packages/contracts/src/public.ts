import { z } from "zod";
import { optionalText, text, ZCurrency, ZId } from "./common";
import { ZPhone } from "./phone";
import { ZFlat } from "./inventory";
import { ZMediaKind } from "./media";
import { defineRoute } from "./routes";

/**
 * What a landing page (and anyone on the internet) may read about a complex. Every object is
 * strict: a field added to a query by mistake (a lead id, an owner, a hold's holder, a version)
 * fails the schema instead of being published.
 */

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
