import type { Db } from "@crm/db";

let seq = 0;

/** A complex with `flats` flats, one per floor of block A, published unless told otherwise. */
export async function publishedComplex(
  db: Db,
  options: { published?: boolean; flats?: number } = {},
) {
  seq += 1;
  const complex = await db.complex.create({
    data: {
      name: `ЖК Public ${seq}`,
      slug: `public-${seq}-${process.pid}`,
      city: "Ташкент",
      description: "Дом у парка",
      isPublished: options.published ?? true,
    },
  });
  const flats = [];
  for (let i = 1; i <= (options.flats ?? 3); i++) {
    flats.push(
      await db.apartment.create({
        data: {
          complexId: complex.id,
          block: "A",
          floor: i,
          number: `${i}01`,
          rooms: i,
          area: 40 + i * 10,
          price: BigInt((40 + i * 10) * 10_000_000_00),
        },
      }),
    );
  }
  return { complex, flats };
}
