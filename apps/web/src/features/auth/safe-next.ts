export const HOME_PATH = "/dashboard";

/**
 * Where to go after signing in. Only same-origin paths are honoured so a crafted link cannot
 * send the user to another site ("//evil.example", "/\\evil.example").
 */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return HOME_PATH;
  }
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/login/")) {
    return HOME_PATH;
  }
  return next;
}

export function loginPathFor(location: { pathname: string; search: string; hash?: string }) {
  const current = `${location.pathname}${location.search}${location.hash ?? ""}`;
  return current === "/" || current === HOME_PATH
    ? `/login?next=${encodeURIComponent(HOME_PATH)}`
    : `/login?next=${encodeURIComponent(current)}`;
}
