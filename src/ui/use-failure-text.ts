import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../state/load-failure";

/**
 * Turns a load failure's reason into a phrase in the current language: the reader's own message
 * when a reader found the problem, else the app's words for the reason, e.g. "file not found".
 */
export function useFailureReason(): (failure: LoadFailure) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (failure) =>
    failure.message
      ? failure.message[lang]
      : t(`load.reason.${failure.reason}`, { detail: failure.detail });
}

/** Turns a load failure into a sentence in the current language: "Could not load x: reason". */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t } = useTranslation();
  const reason = useFailureReason();
  return (failure) => t("load.error", { file: failure.file, reason: reason(failure) });
}
