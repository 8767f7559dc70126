import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../app/load-source";

/** Turns a load failure into a sentence in the current language: "Could not load x: reason". */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t } = useTranslation();
  return (failure) =>
    t("load.error", {
      file: failure.file,
      reason: t(`load.reason.${failure.reason}`, { detail: failure.detail }),
    });
}
