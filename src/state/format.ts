import type { Language } from "./url-state";

/** The Intl locale of each UI language. */
export const LOCALES: Record<Language, string> = { vi: "vi-VN", en: "en-GB" };

/**
 * One formatter per language and number of decimals, made once: a new Intl.NumberFormat costs
 * about a hundred times the formatting itself, and the sidebar formats a count for every layer on
 * every render (a fifth of the page's script time while the first picture loaded).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(
  lang: Language,
  minimumFractionDigits: number,
  maximumFractionDigits: number,
) {
  const key = `${lang}:${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits, maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** A number in the language's convention: vi "1.234,5", en "1,234.5". */
export function formatNumber(value: number, lang: Language, maximumFractionDigits = 2): string {
  return numberFormat(lang, 0, maximumFractionDigits).format(value);
}

/** A number with exactly `digits` decimals in the language's convention: vi "2.672,20". */
export function formatFixed(value: number, lang: Language, digits: number): string {
  return numberFormat(lang, digits, digits).format(value);
}

/** An area in km² with one decimal: vi "12,3 km²", en "12.3 km²". */
export function formatAreaKm2(km2: number, lang: Language): string {
  return `${formatFixed(km2, lang, 1)} km²`;
}

/**
 * An ISO date (YYYY-MM-DD) as officials write it: vi "16/06/2022", en "16 Jun 2022". Read as a
 * calendar date (UTC), so the day never shifts with the browser's time zone. Unreadable input comes
 * back unchanged.
 */
export function formatIsoDate(iso: string, lang: Language): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    lang === "vi"
      ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(date);
}

/**
 * An ISO time as a reviewer reads it, date first, in the browser's time zone with its offset named:
 * vi "01/12/2026 15:05 GMT+7", en "1 Dec 2026 15:05 GMT+7". Unreadable input comes back unchanged.
 */
export function formatDateTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat(
    LOCALES[lang],
    lang === "vi"
      ? { day: "2-digit", month: "2-digit", year: "numeric" }
      : { day: "numeric", month: "short", year: "numeric" },
  ).format(date);
  const time = new Intl.DateTimeFormat(LOCALES[lang], {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(date);
  return `${day} ${time}`;
}
