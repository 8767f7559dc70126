import { type FlagEvent, STATUS_NAMES } from "../core/review/index";
import type { Bilingual } from "../core/validate/validation-issue";
import { LOCALES } from "./format";
import type { Language } from "./url-state";

/** One entry of a flag's history as a card lists it: who, when, what (and the comment). */
export type HistoryLine = {
  eventId: string;
  who: string;
  when: string;
  what: string;
  comment: string | null;
};

const VERBS: Readonly<Record<Exclude<FlagEvent["type"], "status">, Bilingual>> = {
  create: { vi: "gắn cờ", en: "flagged" },
  comment: { vi: "ghi chú", en: "commented" },
  geometry: { vi: "sửa hình vẽ", en: "redrew the flag" },
  delete: { vi: "xoá cờ", en: "deleted the flag" },
  restore: { vi: "khôi phục cờ", en: "restored the flag" },
};

/** What an event did, in the reviewer's language: "→ đã xác nhận", "gắn cờ"… */
export function eventWhat(event: FlagEvent, lang: Language): string {
  if (event.type !== "status") return VERBS[event.type][lang];
  const to = `→ ${STATUS_NAMES[event.status][lang]}`;
  return event.settles ? `${to} (${lang === "vi" ? "phân xử" : "settled"})` : to;
}

/** An event's time in the browser's zone, to the minute: vi "14:32 05/12/2026", en "05/12/2026, 14:32". */
export function eventTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** A flag's history as lines, newest first (the latest decision reads first on a card). */
export function historyLines(history: readonly FlagEvent[], lang: Language): HistoryLine[] {
  return [...history].reverse().map((event) => ({
    eventId: event.eventId,
    who: event.reviewer,
    when: eventTime(event.at, lang),
    what: eventWhat(event, lang),
    comment: "comment" in event && event.comment ? event.comment : null,
  }));
}

/** Whole seconds left until `at` (ms since the epoch), never below 0: a retry countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
