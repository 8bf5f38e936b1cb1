/**
 * The API reads a page of the SPA asks for first, known from the page's address alone. The server
 * names them in the page's response (`Link: <…>; rel=preload; as=fetch`), so the browser fetches
 * them while it is still loading the app's code, and the app's own requests for the same URLs are
 * answered from those fetches.
 *
 * A read is listed only where the app builds exactly this URL from that address: a preload the
 * app does not use is a wasted request.
 */

/** The шахматка's page; the router mounts it at this path (app/router.tsx). */
export const GRID_PAGE_PATH = "/complexes/:id/grid";

const GRID_PAGE = new RegExp(`^${GRID_PAGE_PATH.replace(":id", "([1-9]\\d{0,8})")}/?$`);

/**
 * API URLs to preload for a signed-in user opening `pathname?search`: the session (every page
 * asks for it first), and on the шахматка without filters in its address, the grid itself (with
 * filters, the app builds its query from them, and it asks for it on its own).
 */
export function pagePreloads(pathname: string, search: string): string[] {
  const urls = ["/api/auth/me"];
  const grid = GRID_PAGE.exec(pathname);
  if (grid && (search === "" || search === "?")) urls.push(`/api/complexes/${grid[1]}/grid`);
  return urls;
}
