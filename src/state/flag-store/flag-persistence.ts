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
