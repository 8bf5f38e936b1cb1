import type { MessageKey, ShellKey, Translate } from "../i18n";
import { ApiError } from "./api";

/** One sentence for a failed request, in the user's language (server texts are English). */
export function errorMessage(t: Translate<ShellKey>, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 400:
        return t("app.error.invalid");
      case 403:
        return t("app.error.forbidden");
      case 404:
        return t("app.error.notFound");
      case 409:
        return t("app.error.conflict");
      case 429:
        return t("app.error.rateLimited");
      default:
        return t("app.error.generic");
    }
  }
  // fetch rejects with a TypeError when the network or server is unreachable.
  if (error instanceof TypeError) return t("app.error.network");
  return t("app.error.generic");
}

/**
 * A refusal the API explains in English (its problem `detail`), in the user's language:
 * `reasons` maps how a detail starts to the message for it; any other failure gets the general
 * sentence for its status (or `fallback`).
 */
export function refusalMessage<Key extends MessageKey>(
  t: Translate<Key | ShellKey>,
  error: unknown,
  reasons: Record<string, Key>,
  fallback?: Key,
): string {
  if (error instanceof ApiError) {
    const detail = error.problem.detail ?? "";
    for (const [start, key] of Object.entries(reasons)) {
      if (detail.startsWith(start)) return t(key);
    }
  }
  return fallback ? t(fallback) : errorMessage(t, error);
}
