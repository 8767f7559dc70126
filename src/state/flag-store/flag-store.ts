import type { EntryProblem } from "../../core/catalog/entry-problems";
import type { Finding } from "../../core/check/index";
import type {
  Disagreement,
  Flag,
  FlagEvent,
  IntentAuthor,
  ReviewEventResult,
  ReviewIntent,
} from "../../core/review/index";
import type { Bilingual } from "../../core/validate/validation-issue";

/**
 * Whether the flags are safely stored. The UI shows anything but `saved` (a failure in the
 * user's language, with "retrying in N s" from `retryAt` and a "retry now" button), and may warn
 * before the page closes while `pending` > 0: pending events exist only in this page's memory.
 */
export type SaveState =
  /** Reading the stored flags (the list may still grow). */
  | { kind: "loading"; pending: number }
  /** Everything is stored. */
  | { kind: "saved" }
  /** Writing `pending` events. */
  | { kind: "saving"; pending: number }
  /**
   * Reading (`phase` "load") or writing ("save") failed; kept in memory, retried at `retryAt`
   * (ms since the epoch), `attempts` failures in a row so far.
   */
  | {
      kind: "failed";
      phase: "load" | "save";
      pending: number;
      error: Bilingual;
      attempts: number;
      retryAt: number;
    };

/** What the UI renders: the same object until something changes (for `useSyncExternalStore`). */
export type FlagStoreSnapshot = {
  /** Every event, stored or pending, in no particular order (fold them with `foldFlags`). */
  events: readonly FlagEvent[];
  /** The flags folded from `events`, by flag id. */
  flags: ReadonlyMap<string, Flag>;
  save: SaveState;
};

/** What an import did: the counts and the disagreements to settle, or why it changed nothing. */
export type ImportOutcome =
  | { ok: true; flags: number; added: number; duplicates: number; disagreements: Disagreement[] }
  | { ok: false; problems: EntryProblem[] };

/**
 * Where the flags live. The UI talks only to this, so a shared server store can take the place of
 * the browser's (IndexedDB) one without touching the UI.
 */
export interface FlagStore {
  /** Resolves when the first read of the stored flags finished, read or failed (never rejects). */
  readonly ready: Promise<void>;
  getSnapshot(): FlagStoreSnapshot;
  /** Calls `listener` after every change of the snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Every event (the snapshot's `events`). */
  list(): readonly FlagEvent[];
  /**
   * Appends events (already checked: from {@link FlagStore.apply} or an import); an event id the
   * store holds is skipped. They show at once and are saved in the background, retried until saved.
   */
  append(events: readonly FlagEvent[]): void;
  /** A reviewer's change: checked against the current flags (`reviewEvent`), appended when allowed. */
  apply(intent: ReviewIntent, author: IntentAuthor): ReviewEventResult;
  /** The review file (`formatReviewFile`) of every event the store holds. */
  exportReview(options?: { exportedBy?: string; findings?: readonly Finding[] }): string;
  /** Reads a review file and merges it in (`mergeReviews`); a bad or foreign file changes nothing. */
  importReview(text: string): ImportOutcome;
  /** Retries a failed read or write now instead of at `retryAt`. */
  retryNow(): void;
  /** Stops retrying and closes the storage; pending events are written first when possible. */
  close(): Promise<void>;
}
