/** Flat numbers and blocks sort as people read them: "2" before "10", "A-2" before "A-10". */
export const naturalOrder = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

export { pricePerM2 } from "@crm/contracts";
