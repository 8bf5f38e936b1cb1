import { z } from "zod";
import { text } from "./common";
import { defineRoute } from "./routes";

/** The header's search: a few of each kind the caller may see, best first. */
export const ZSearchQuery = z.strictObject({
  q: text(100, { min: 2 }),
  /** Per kind. */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const SEARCH_KINDS = ["lead", "flat", "deal", "user"] as const;
export const ZSearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string(),
  /** Where the SPA opens it. */
  href: z.string(),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchResult = z.object({
  /** The kinds this role may search (the others are not asked, and not listed). */
  kinds: z.array(z.enum(SEARCH_KINDS)),
  items: z.array(ZSearchHit),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;

export const searchRoutes = {
  search: defineRoute({
    method: "get",
    path: "/api/search",
    // Leads by name or phone, flats by number, deals by number, users by name or login — each
    // only as far as the caller's role may list them (a seller finds only own leads and deals).
    summary: "Search leads, flats, deals and users at once, as far as the role may list them",
    tag: "search",
    access: "authenticated",
    query: ZSearchQuery,
    status: 200,
    response: ZSearchResult,
  }),
};
