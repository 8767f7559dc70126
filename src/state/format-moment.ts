import { LOCALES } from "./format";
import type { Language } from "./url-state";

/**
 * An ISO 8601 time (a flag event's `at`) as a reviewer reads it, in the browser's time zone:
 * vi "05/12/2026 14:30", en "05/12/2026, 14:30". Unreadable input comes back unchanged.
 */
export function formatMoment(iso: string, lang: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
