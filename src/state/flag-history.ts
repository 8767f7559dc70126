import { type Addressee, type FlagEvent, STATUS_NAMES } from "../core/review/index";
import type { Bilingual } from "../core/validate/validation-issue";
import { formatMoment } from "./format-moment";
import type { Language } from "./url-state";

/** One entry of a flag's history as a card lists it: who, when, what (and the comment). */
export type HistoryLine = {
  eventId: string;
  who: string;
  when: string;
  what: string;
  comment: string | null;
  /** Whom a comment is addressed to (the consultant), if anyone. */
  to: Addressee | null;
  /** The comment answers one addressed to the consultant. */
  answer: boolean;
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

/** A flag's history as lines, newest first (the latest decision reads first on a card). */
export function historyLines(history: readonly FlagEvent[], lang: Language): HistoryLine[] {
  return [...history].reverse().map((event) => ({
    eventId: event.eventId,
    who: event.reviewer,
    when: formatMoment(event.at, lang),
    what: eventWhat(event, lang),
    comment: "comment" in event && event.comment ? event.comment : null,
    to: event.type === "comment" ? (event.to ?? null) : null,
    answer: event.type === "comment" && event.inReplyTo !== undefined,
  }));
}

/** Whole seconds left until `at` (ms since the epoch), never below 0: a retry countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
