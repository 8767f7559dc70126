import { useTranslation } from "react-i18next";
import type { LoadFailure } from "../app/load-source";

/** Turns a load failure's reason into a phrase in the current language, e.g. "file not found". */
export function useFailureReason(): (failure: LoadFailure) => string {
  const { t } = useTranslation();
  return (failure) => t(`load.reason.${failure.reason}`, { detail: failure.detail });
}

/** Turns a load failure into a sentence in the current language: "Could not load x: reason". */
export function useFailureText(): (failure: LoadFailure) => string {
  const { t } = useTranslation();
  const reason = useFailureReason();
  return (failure) => t("load.error", { file: failure.file, reason: reason(failure) });
}
