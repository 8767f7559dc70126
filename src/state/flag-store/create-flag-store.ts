import {
  type FlagEvent,
  foldFlags,
  formatReviewFile,
  mergeReviews,
  parseReviewFile,
  reviewEvent,
} from "../../core/review/index";
import type { FlagPersistence, PendingQueue } from "./flag-persistence";
import type { FlagStore, FlagStoreSnapshot, ImportOutcome, SaveState } from "./flag-store";
import { saveErrorText } from "./save-errors";

/** Timers and clock of a store; tests pass their own to run retries by hand. */
export type StoreClock = {
  now(): number;
  /** Runs `run` after `ms`; returns the cancel function. */
  schedule(run: () => void, ms: number): () => void;
};

const realClock: StoreClock = {
  now: () => Date.now(),
  schedule(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** First retry after 1 s, doubling to at most 30 s: quick after a blip, light on a full disk. */
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/** The wait before retry number `attempts` (1-based). */
export function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * A {@link FlagStore} over any {@link FlagPersistence}: every event is in memory at once (the UI
 * never waits for the disk) and queued until the persistence has stored it. A failed read or write
 * becomes a `failed` {@link SaveState} and is retried with backoff ({@link retryDelay}), forever:
 * pending events are never dropped. Events appended before the stored ones were read are kept and
 * joined to them; events another tab stores are read in when the persistence says so (`watch`).
 * With a `queue`, the pending events are also kept there until stored, and a new store reads back
 * what an earlier page left pending (a reload while the review server was unreachable).
 */
export function createFlagStore(
  persistence: FlagPersistence,
  clock: StoreClock = realClock,
  queue: PendingQueue | null = null,
): FlagStore {
  const byId = new Map<string, FlagEvent>();
  let pending: FlagEvent[] = [];
  let loaded = false;
  let busy = false;
  let closed = false;
  let attempts = 0;
  let cancelRetry: (() => void) | null = null;
  let save: SaveState = { kind: "loading", pending: 0 };
  let snapshot: FlagStoreSnapshot = { events: [], flags: new Map(), save };
  const listeners = new Set<() => void>();
  /**
   * The queue's writes and removals, one after another in the order asked (a removal never runs
   * before the write of the same event). A queue that fails (no IndexedDB) only makes the pending
   * events live as long as the page, as without a queue: it never stops the store.
   */
  let queued: Promise<void> = Promise.resolve();
  const toQueue = (run: (q: PendingQueue) => Promise<void>) => {
    if (!queue) return;
    queued = queued.then(() => run(queue)).catch(() => {});
  };
  let queueRead = queue === null;

  function publish(eventsChanged: boolean): void {
    const events = eventsChanged ? [...byId.values()] : snapshot.events;
    const flags = eventsChanged ? foldFlags(events) : snapshot.flags;
    snapshot = { events, flags, save };
    for (const listener of [...listeners]) listener();
  }

  function settledState(): SaveState {
    if (!loaded) return { kind: "loading", pending: pending.length };
    return pending.length > 0 ? { kind: "saving", pending: pending.length } : { kind: "saved" };
  }

  function fail(phase: "load" | "save", error: unknown): void {
    attempts++;
    const wait = retryDelay(attempts);
    save = {
      kind: "failed",
      phase,
      pending: pending.length,
      error: saveErrorText(error, phase),
      attempts,
      retryAt: clock.now() + wait,
    };
    cancelRetry = clock.schedule(() => {
      cancelRetry = null;
      void work();
    }, wait);
  }

  /** The read-and-write round in progress, if any (close waits for it). */
  let running: Promise<void> = Promise.resolve();

  /** Another tab stored events: read the storage again on the next round. */
  let stale = false;

  /** A call of {@link work} that came while a round ran (a retry that fired just then). */
  let rerun = false;

  /** Reads the stored events (once), then writes pending ones until none is left or one fails. */
  function work(): Promise<void> {
    if (closed || cancelRetry) return running;
    if (busy) {
      rerun = true;
      return running;
    }
    busy = true;
    running = round().finally(() => {
      busy = false;
      const again = rerun;
      rerun = false;
      // a call that came during the round, or an event appended after its last look, goes now
      if (again || (loaded && pending.length > 0 && save.kind !== "failed")) void work();
    });
    return running;
  }

  /** The events a page before this one queued and did not get stored: pending again, first. */
  async function readQueue(): Promise<void> {
    queueRead = true;
    const waiting = await (queue as PendingQueue).load().catch(() => [] as FlagEvent[]);
    const fresh = waiting.filter((e) => !byId.has(e.eventId));
    if (fresh.length === 0) return;
    for (const e of fresh) byId.set(e.eventId, e);
    pending = [...fresh, ...pending];
    save = settledState();
    publish(true);
  }

  async function round(): Promise<void> {
    if (!queueRead) await readQueue();
    if (!loaded || stale) {
      stale = false;
      try {
        const stored = await persistence.load();
        let added = false;
        for (const e of stored) {
          if (!byId.has(e.eventId)) {
            byId.set(e.eventId, e);
            added = true;
          }
        }
        loaded = true;
        attempts = 0;
        save = settledState();
        publish(added);
      } catch (error) {
        // a failed read of another tab's events is read again with the retry
        if (loaded) stale = true;
        fail("load", error);
        publish(false);
        return;
      }
    }
    while (pending.length > 0 && !closed) {
      const batch = pending.slice();
      try {
        await persistence.save(batch);
      } catch (error) {
        fail("save", error);
        publish(false);
        return;
      }
      // events appended meanwhile stay queued for the next round
      pending = pending.slice(batch.length);
      toQueue((q) => q.remove(batch.map((e) => e.eventId)));
      attempts = 0;
      save = settledState();
      publish(false);
    }
  }

  function append(events: readonly FlagEvent[]): void {
    const fresh = events.filter((e) => !byId.has(e.eventId));
    if (fresh.length === 0) return;
    for (const e of fresh) byId.set(e.eventId, e);
    pending.push(...fresh);
    toQueue((q) => q.save(fresh));
    // while a retry waits, its failure stays on show (with the new count); otherwise save now
    save = save.kind === "failed" ? { ...save, pending: pending.length } : settledState();
    publish(true);
    void work();
  }

  function importReview(text: string): ImportOutcome {
    const parsed = parseReviewFile(text);
    if (!parsed.ok) return parsed;
    const merged = mergeReviews([...byId.values()], parsed.events);
    if (!merged.ok) {
      return {
        ok: false,
        problems: [{ index: null, id: null, field: "(file)", message: merged.problem }],
      };
    }
    append(merged.added);
    return {
      ok: true,
      flags: parsed.flags,
      added: merged.added.length,
      duplicates: merged.duplicates,
      disagreements: merged.disagreements,
    };
  }

  const ready = work();
  const unwatch =
    persistence.watch?.(() => {
      stale = true;
      void work();
    }) ?? (() => {});

  return {
    ready,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    list: () => snapshot.events,
    append,
    apply(intent, author) {
      const result = reviewEvent(snapshot.flags, intent, author);
      if (result.ok) append([result.event]);
      return result;
    },
    exportReview(options = {}) {
      return formatReviewFile(snapshot.events, options);
    },
    importReview,
    retryNow() {
      if (!cancelRetry) return;
      cancelRetry();
      cancelRetry = null;
      void work();
    },
    async close() {
      unwatch();
      cancelRetry?.();
      cancelRetry = null;
      await running;
      // one last try for what is still pending, then no more retries
      if (pending.length > 0) {
        const last = pending;
        await persistence.save(last).then(
          () => {
            pending = [];
            toQueue((q) => q.remove(last.map((e) => e.eventId)));
          },
          () => {},
        );
      }
      closed = true;
      persistence.close();
      // what is still pending stays in the queue for the next page
      await queued;
      queue?.close();
    },
  };
}
