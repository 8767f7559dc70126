import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../app/load-source";

/**
 * Turns a load failure into a sentence in the current language: "Could not load x: reason". A
 * bilingual message from the project's readers replaces the detail in its language.
 */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (failure) =>
    t("load.error", {
      file: failure.file,
      reason: t(`load.reason.${failure.reason}`, {
        detail: failure.message?.[lang] ?? failure.detail,
      }),
    });
}
