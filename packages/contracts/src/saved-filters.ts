import { z } from "zod";
import { optionalText, text, ZIdParams, ZIsoDateTime } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/**
 * A user's named filters of a list: the list page's URL search string under a name, private to
 * that user. Only the lead list has them for now.
 */
export const SAVED_FILTER_SCOPES = ["leads"] as const;
export const ZSavedFilterScope = z.enum(SAVED_FILTER_SCOPES);
/** How many filters one user keeps per list; beyond it a new one is refused (409). */
export const SAVED_FILTERS_PER_USER = 30;

export const ZSavedFilter = z.object({
  id: z.number().int(),
  scope: ZSavedFilterScope,
  name: z.string(),
  /** The URL search string without "?", e.g. "status=NEW&source=WEBSITE". */
  query: z.string(),
  createdAt: ZIsoDateTime,
});
export type TSavedFilter = z.infer<typeof ZSavedFilter>;

export const ZCreateSavedFilterRequest = z.strictObject({
  scope: ZSavedFilterScope,
  name: text(60),
  query: optionalText(2000)
    .default("")
    .transform((query) => query.replace(/^\?/, ""))
    .refine((query) => !/[\s#]/.test(query), "A URL search string (no spaces or #)"),
});
export type TCreateSavedFilterRequest = z.input<typeof ZCreateSavedFilterRequest>;

export const ZListSavedFiltersQuery = z.strictObject({ scope: ZSavedFilterScope });

export const savedFilterRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/saved-filters",
    summary: "The caller's saved filters of a list, by name",
    tag: "saved-filters",
    access: ROLES.staff,
    query: ZListSavedFiltersQuery,
    status: 200,
    response: z.object({ items: z.array(ZSavedFilter) }),
  }),
  create: defineRoute({
    method: "post",
    path: "/api/saved-filters",
    summary: `Save a filter under a name (unique per list; at most ${SAVED_FILTERS_PER_USER} per list)`,
    tag: "saved-filters",
    access: ROLES.staff,
    body: ZCreateSavedFilterRequest,
    status: 201,
    response: ZSavedFilter,
    problems: [409],
  }),
  remove: defineRoute({
    method: "delete",
    path: "/api/saved-filters/:id",
    summary: "Delete one of the caller's saved filters",
    tag: "saved-filters",
    access: ROLES.staff,
    params: ZIdParams,
    status: 204,
    response: null,
    problems: [404],
  }),
};
