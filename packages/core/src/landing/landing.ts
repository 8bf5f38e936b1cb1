import { ZPublicComplex, type TPublicComplex } from "@crm/contracts";
import type { Db } from "@crm/db";
import { publicFlatSelect } from "../catalog/catalog";
import { pricePerM2 } from "../inventory/flat-values";

/** Where uploaded media are served from (the API serves MEDIA_DIR there, one week cached). */
export const mediaUrl = (fileName: string) => `/media/${fileName}`;

/**
 * A published complex as the public sees it: its description, photos and plans in page order,
 * and every FREE flat, cheapest first, each with its price per m² and its layout's plan. Null
 * for an unknown or unpublished complex (both are simply not public). The result is checked
 * against the strict public schema, so an internal field can never slip into it.
 */
export async function readPublicComplex(db: Db, slug: string): Promise<TPublicComplex | null> {
  const complex = await db.complex.findFirst({
    where: { slug, isPublished: true },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      address: true,
      description: true,
      currency: true,
    },
  });
  if (!complex) return null;
  const [media, flats] = await Promise.all([
    db.complexMedia.findMany({
      where: { complexId: complex.id },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { kind: true, rooms: true, fileName: true, width: true, height: true },
    }),
    db.apartment.findMany({
      where: { complexId: complex.id, status: "FREE" },
      orderBy: [{ price: "asc" }, { id: "asc" }],
      select: publicFlatSelect,
    }),
  ]);
  const plans = new Map<number, string>();
  for (const item of media) {
    if (item.kind === "PLAN" && item.rooms !== null && !plans.has(item.rooms)) {
      plans.set(item.rooms, mediaUrl(item.fileName));
    }
  }
  const { id: _id, ...fields } = complex;
  return ZPublicComplex.parse({
    ...fields,
    media: media.map((item) => ({
      url: mediaUrl(item.fileName),
      kind: item.kind,
      rooms: item.rooms,
      width: item.width,
      height: item.height,
    })),
    flats: flats.map((flat) => ({
      ...flat,
      price: Number(flat.price),
      pricePerM2: pricePerM2(flat.price, flat.area),
      planUrl: plans.get(flat.rooms) ?? null,
    })),
  });
}

/** The slugs of every published complex, for warming the cache. */
export async function publishedSlugs(db: Db): Promise<string[]> {
  const rows = await db.complex.findMany({
    where: { isPublished: true },
    select: { slug: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.slug);
}
