import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../state/load-failure";

/**
 * Turns a load failure's reason into a phrase in the current language, e.g. "file not found". A
 * bilingual message from the project's readers replaces the detail in its language.
 */
export function useFailureReason(): (failure: LoadFailure) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (failure) =>
    t(`load.reason.${failure.reason}`, { detail: failure.message?.[lang] ?? failure.detail });
}

/** Turns a load failure into a sentence in the current language: "Could not load x: reason". */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t } = useTranslation();
  const reason = useFailureReason();
  return (failure) => t("load.error", { file: failure.file, reason: reason(failure) });
}
