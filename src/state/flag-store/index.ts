/*
 * The flag store: the UI reads snapshots and sends intents through the FlagStore interface only,
 * so a shared server store can later replace the browser's IndexedDB one without touching the UI.
 */
export {
  createFlagStore,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
  retryDelay,
  type StoreClock,
} from "./create-flag-store";
export type { FlagPersistence, PendingQueue } from "./flag-persistence";
export type { FlagStore, FlagStoreSnapshot, ImportOutcome, SaveState } from "./flag-store";
export { indexedDbPersistence, REVIEW_DB } from "./indexeddb-persistence";
export {
  findReviewServer,
  SESSION_KEY,
  type ServerChoice,
  type ServerSession,
  type SessionMemory,
  storedSessionMemory,
} from "./review-server-session";
export { NoStorageError, StorageBlockedError, saveErrorText } from "./save-errors";
export {
  createServerFlagStore,
  pendingQueueName,
  type ServerStoreOptions,
} from "./server-flag-store";
export {
  POLL_MS,
  ServerRefusedError,
  ServerUnreachableError,
  serverPersistence,
} from "./server-persistence";
