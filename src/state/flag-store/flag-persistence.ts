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
  close(): void;
}
