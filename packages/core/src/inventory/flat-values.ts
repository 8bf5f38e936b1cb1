/** Flat numbers and blocks sort as people read them: "2" before "10", "A-2" before "A-10". */
export const naturalOrder = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** Price per m², in the same minor units as the price. */
export const pricePerM2 = (price: bigint | number, area: number) =>
  Math.round(Number(price) / area);
