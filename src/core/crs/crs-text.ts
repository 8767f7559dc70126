import type { Bilingual } from "../validate/validation-issue";

type Language = keyof Bilingual;

/**
 * `value` with `digits` decimals, thousands grouped by spaces ("2 274", "500 000"), the decimal
 * separator of the language: "0,9999" in Vietnamese, "0.9999" in English.
 */
export function formatNumber(value: number, digits: number, language: Language): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = "", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const sign = value < 0 && Number(fixed) !== 0 ? "−" : "";
  return `${sign}${grouped}${fraction === undefined ? "" : (language === "vi" ? "," : ".") + fraction}`;
}

/** Both languages of {@link formatNumber}. */
export const numberText = (value: number, digits: number): Bilingual => ({
  vi: formatNumber(value, digits, "vi"),
  en: formatNumber(value, digits, "en"),
});

/**
 * An angle as survey documents write central meridians: "105°00′", "104°45′" when a whole number of
 * minutes, else decimal degrees ("105,1234°" / "105.1234°").
 */
export function angleText(degrees: number): Bilingual {
  const minutes = Math.round(degrees * 60);
  if (Math.abs(degrees * 60 - minutes) < 1e-6) {
    const whole = Math.trunc(minutes / 60);
    const rest = Math.abs(minutes % 60);
    const text = `${minutes < 0 && whole === 0 ? "−" : ""}${formatNumber(whole, 0, "en")}°${String(rest).padStart(2, "0")}′`;
    return { vi: text, en: text };
  }
  const shown = numberText(degrees, 6);
  return { vi: `${shown.vi}°`, en: `${shown.en}°` };
}

/** `low–high` of a range, each side rounded outward to `digits` decimals after dividing by `unit`. */
export function rangeText(low: number, high: number, digits: number, unit = 1): Bilingual {
  const scale = 10 ** digits;
  const from = Math.floor((low / unit) * scale) / scale;
  const to = Math.ceil((high / unit) * scale) / scale;
  return {
    vi: `${formatNumber(from, digits, "vi")}–${formatNumber(to, digits, "vi")}`,
    en: `${formatNumber(from, digits, "en")}–${formatNumber(to, digits, "en")}`,
  };
}

/** Sentences joined per language, each ending in a full stop. */
export function sentences(...parts: (Bilingual | null)[]): Bilingual {
  const kept = parts.filter((part): part is Bilingual => part !== null);
  const join = (language: Language) =>
    kept
      .map((part) => part[language].trim())
      .filter((text) => text !== "")
      .map((text) => (/[.!?]$/.test(text) ? text : `${text}.`))
      .join(" ");
  return { vi: join("vi"), en: join("en") };
}
