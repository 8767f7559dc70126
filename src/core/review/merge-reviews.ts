import type { Bilingual } from "../validate/validation-issue";
import type { FlagEvent, StatusHead } from "./flag-types";
import { foldFlags } from "./fold-flags";

/**
 * A flag reviewers disagree on: the same flag (so the same finding), status heads that no later
 * change replaced, with different statuses left by different reviewers. A lead reviewer settles
 * it with a `settle` intent (`reviewEvent`), which is a new event: nothing is overwritten.
 */
export type Disagreement = {
  flagId: string;
  /** The finding the flag is on, or null for a drawn flag. */
  findingId: string | null;
  /** The statuses that stand, oldest first: who chose what, when. */
  heads: StatusHead[];
};

/** What a merge did, or why it changed nothing. */
export type MergeResult =
  | {
      ok: true;
      /** Events of the import that the local review did not hold: the ones to append. */
      added: FlagEvent[];
      /** Events both held (the same event id and content), kept once. */
      duplicates: number;
      /** Every disagreement of the merged review, by flag creation order. */
      disagreements: Disagreement[];
    }
  | { ok: false; problem: Bilingual };

/** JSON with object keys sorted: the same event parsed from a file and held locally compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The disagreements of a review's events. */
export function disagreementsOf(events: readonly FlagEvent[]): Disagreement[] {
  return [...foldFlags(events).values()]
    .filter((flag) => flag.disagreement)
    .map((flag) => ({
      flagId: flag.id,
      findingId: flag.target.kind === "finding" ? flag.target.finding.id : null,
      heads: flag.heads,
    }));
}

/**
 * Merges an imported review into the local one by flag id: both histories are kept whole (the union
 * of their events; an event both hold, by event id, once), so each flag's state is the fold of
 * both. Two copies of one event id with different contents mean one was altered: the merge changes
 * nothing and says which event. Disagreements (see {@link Disagreement}) are reported for a lead
 * reviewer to settle.
 */
export function mergeReviews(
  local: readonly FlagEvent[],
  incoming: readonly FlagEvent[],
): MergeResult {
  const held = new Map<string, FlagEvent>();
  for (const e of local) held.set(e.eventId, e);
  const added: FlagEvent[] = [];
  let duplicates = 0;
  for (const e of incoming) {
    const mine = held.get(e.eventId);
    if (!mine) {
      held.set(e.eventId, e);
      added.push(e);
    } else if (canonical(mine) === canonical(e)) {
      duplicates++;
    } else {
      return {
        ok: false,
        problem: {
          vi: `sự kiện ${e.eventId} của cờ ${e.flagId} khác với bản đã lưu cùng mã (một trong hai đã bị sửa): không gộp gì cả; kiểm tra nguồn của tệp`,
          en: `event ${e.eventId} of flag ${e.flagId} differs from the stored event with the same id (one was altered): nothing merged; check where the file came from`,
        },
      };
    }
  }
  return { ok: true, added, duplicates, disagreements: disagreementsOf([...local, ...added]) };
}
