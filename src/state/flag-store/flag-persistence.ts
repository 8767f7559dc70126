import type { FlagEvent } from "../../core/review/index";

/**
 * Durable storage of flag events, under the store's memory and retries. Writes are idempotent
 * (by event id): a batch retried after a failure, or written twice, stores each event once.
 */
export interface FlagPersistence {
  /** Every stored event. */
  load(): Promise<FlagEvent[]>;
  /** Stores the events, all or none. */
  save(events: readonly FlagEvent[]): Promise<void>;
  /**
   * Calls `changed` when another copy of the app (another tab) stored events, so this one reads
   * them too; returns the function that stops watching. Optional: a storage without it is read once.
   */
  watch?(changed: () => void): () => void;
  close(): void;
}

/**
 * Where a store keeps the events its persistence has not stored yet, so that they outlive the page:
 * a reload, or a tab closed, while the review server cannot be reached loses nothing. Each event is
 * written when it is appended and removed once the persistence has stored it; the next store on
 * the same queue reads the rest back and sends them.
 */
export interface PendingQueue {
  /** The events still waiting. */
  load(): Promise<FlagEvent[]>;
  /** Adds events to wait (idempotent by event id). */
  save(events: readonly FlagEvent[]): Promise<void>;
  /** Removes events the persistence has stored. */
  remove(eventIds: readonly string[]): Promise<void>;
  close(): void;
}
