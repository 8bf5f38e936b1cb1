import type { Db } from "@crm/db";

/**
 * Changes that alter what the public sees of a complex (a flat booked, released, sold, priced,
 * imported or edited; the complex's text or media). Every such change writes an audit row, and
 * the one audit writer reports it here — so a new way of changing a flat cannot forget to
 * invalidate the landing pages' cache. Listeners get the slugs of the complexes concerned.
 */
export type PublicChangeListener = (slugs: string[]) => Promise<void> | void;

const listeners = new Set<PublicChangeListener>();

/** Subscribes to public changes; returns the unsubscribe. */
export function onPublicChange(listener: PublicChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Reader = Pick<Db, "apartment" | "complex">;

/**
 * Called by `audit()` inside the change's transaction, before it commits: the listeners must
 * treat the complex as changing for a while, not as changed once (see LandingCache).
 */
export async function reportPublicChange(
  tx: Reader,
  entity: string,
  entityId: number | string,
  slugsNamed: readonly unknown[] = [],
): Promise<void> {
  if (listeners.size === 0) return;
  if (entity !== "Apartment" && entity !== "Complex") return;
  const id = Number(entityId);
  if (!Number.isSafeInteger(id)) return;
  const row =
    entity === "Apartment"
      ? (
          await tx.apartment.findUnique({
            where: { id },
            select: { complex: { select: { slug: true } } },
          })
        )?.complex
      : await tx.complex.findUnique({ where: { id }, select: { slug: true } });
  const slugs = new Set<string>(slugsNamed.filter((s): s is string => typeof s === "string"));
  if (row) slugs.add(row.slug);
  if (slugs.size === 0) return;
  for (const listener of listeners) await listener([...slugs]);
}

/** `reportPublicChange` for many rows at once (an import): one query per 1,000 flats. */
export async function reportPublicChanges(
  tx: Reader,
  changes: readonly { entity: string; id: number | string }[],
): Promise<void> {
  if (listeners.size === 0) return;
  const ids = (entity: string) => [
    ...new Set(
      changes
        .filter((change) => change.entity === entity)
        .map((change) => Number(change.id))
        .filter(Number.isSafeInteger),
    ),
  ];
  const flatIds = ids("Apartment");
  const complexIds = new Set(ids("Complex"));
  for (let start = 0; start < flatIds.length; start += 1000) {
    const rows = await tx.apartment.findMany({
      where: { id: { in: flatIds.slice(start, start + 1000) } },
      select: { complexId: true },
      distinct: ["complexId"],
    });
    for (const row of rows) complexIds.add(row.complexId);
  }
  if (complexIds.size === 0) return;
  const complexes = await tx.complex.findMany({
    where: { id: { in: [...complexIds] } },
    select: { slug: true },
  });
  const slugs = complexes.map((complex) => complex.slug);
  if (slugs.length === 0) return;
  for (const listener of listeners) await listener(slugs);
}
