import { ZApartmentStatus } from "@crm/contracts";
import type { z } from "zod";

export type FlatStatus = z.infer<typeof ZApartmentStatus>;

/** Legend and filter order: what can be sold first. */
export const FLAT_STATUSES: readonly FlatStatus[] = ZApartmentStatus.options;

export function isFlatStatus(value: unknown): value is FlatStatus {
  return ZApartmentStatus.safeParse(value).success;
}
