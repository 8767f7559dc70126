import { useTranslation } from "react-i18next";
import type { Language } from "../state/url-state";

/** Switches between Vietnamese and English; the button names the language it switches to. */
export function LanguageSwitch({ onChange }: { onChange: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === "en" ? "vi" : "en";
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t("lang.switchLabel")}
      title={t("lang.switchLabel")}
      lang={next}
      onClick={() => onChange(next)}
    >
      {t("lang.switchTo")}
    </button>
  );
}
