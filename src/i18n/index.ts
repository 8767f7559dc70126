import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../state/url-state";
import en from "./en.json";
import vi from "./vi.json";

declare module "i18next" {
  interface CustomTypeOptions {
    /** Keys are checked against the Vietnamese file at compile time; a test keeps en.json equal. */
    resources: { translation: typeof vi };
  }
}

/**
 * Starts i18next with both languages bundled (no loading over the network). Vietnamese is the
 * fallback. React escapes text itself, so i18next must not escape again.
 */
export function initI18n(lang: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: lang,
    fallbackLng: "vi",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
