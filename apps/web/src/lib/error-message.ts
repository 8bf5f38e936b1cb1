import type { Translate } from "../i18n";
import { ApiError } from "./api";

/** One sentence for a failed request, in the user's language (server texts are English). */
export function errorMessage(t: Translate, error: unknown): string {
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
