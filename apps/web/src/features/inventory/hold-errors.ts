import type { Translate } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { problemFieldErrors } from "../../lib/form-errors";

/** A refused booking, prolonging or release in the user's language. */
export function holdErrorMessage(
  t: Translate,
  error: unknown,
  conflictKey: Parameters<Translate>[0],
) {
  if (isApiError(error, 409)) return t(conflictKey);
  if (isApiError(error, 400)) {
    return problemFieldErrors(t, error).days ?? t("app.error.invalid");
  }
  return errorMessage(t, error);
}
