import { useTranslation } from "react-i18next";

/**
 * The first thing Tab reaches: "Skip to the map". It moves the keyboard focus onto the map canvas
 * (arrows move it, Enter shows the feature at its centre). A button, not a link to "#map": the
 * address bar's hash holds the view and must not change.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="skip-link"
      data-testid="skip-link"
      onClick={() => document.querySelector<HTMLElement>("#map canvas")?.focus()}
    >
      {t("app.skipToMap")}
    </button>
  );
}
