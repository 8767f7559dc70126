import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../state/load-failure";
import type { Language } from "../state/url-state";

/**
 * Turns a load failure into a sentence in the current language, "Could not load x: reason", where
 * the reason is the reader's own message when a reader found the problem, else the app's words
 * for it, e.g. "file not found".
 */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (failure) =>
    t("load.error", {
      file: failure.file,
      reason: failure.message
        ? failure.message[lang]
        : t(`load.reason.${failure.reason}`, { detail: failure.detail }),
    });
}
