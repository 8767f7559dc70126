import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { FlagEvent } from "../../core/review/index";
import type { FlagPersistence, PendingQueue } from "./flag-persistence";
import { NoStorageError, StorageBlockedError } from "./save-errors";

/** The database the app keeps its review in (one per origin). */
export const REVIEW_DB = "plan-layers-review";
/** Schema version; an upgrade adds to `upgrade` below, never rewrites events. */
const VERSION = 1;
const EVENTS = "events";

interface ReviewDb extends DBSchema {
  events: { key: string; value: FlagEvent; indexes: { flagId: string } };
}

/**
 * Opens the database. A newer version opened in another tab asks this one to close (`blocking`),
 * and an older one open elsewhere blocks this one: then the open fails with
 * {@link StorageBlockedError} instead of waiting forever, and is retried.
 */
function open(name: string, onGone: () => void): Promise<IDBPDatabase<ReviewDb>> {
  if (typeof indexedDB === "undefined") return Promise.reject(new NoStorageError("no IndexedDB"));
  return new Promise((resolve, reject) => {
    let blocked = false;
    openDB<ReviewDb>(name, VERSION, {
      upgrade(db) {
        const store = db.createObjectStore(EVENTS, { keyPath: "eventId" });
        store.createIndex("flagId", "flagId");
      },
      blocked() {
        blocked = true;
        reject(new StorageBlockedError("blocked by an older version open in another tab"));
      },
      blocking() {
        onGone();
      },
      terminated: onGone,
    }).then((db) => {
      // opened late, after being blocked: the caller has moved on to a retry
      if (blocked) db.close();
      else resolve(db);
    }, reject);
  });
}

/**
 * Flag events in IndexedDB (through idb), one record per event keyed by its id: the browser's
 * own review, or (with `remove`) the queue of a shared review's changes not yet sent. The database is
 * opened on first use and again after a failure or when another tab needs it closed, so a retry
 * of the store is also a retry of the open.
 */
export function indexedDbPersistence(name: string = REVIEW_DB): FlagPersistence & PendingQueue {
  let db: Promise<IDBPDatabase<ReviewDb>> | null = null;
  const forget = () => {
    const closing = db;
    db = null;
    closing?.then((d) => d.close()).catch(() => {});
  };
  const connection = () => {
    if (!db) {
      db = open(name, forget);
      // a failed open is tried again on the next call
      db.catch(() => {
        db = null;
      });
    }
    return db;
  };
  // tabs of the app tell each other when they stored events (BroadcastChannel reaches the other
  // tabs of the origin, not the sender); a browser without it just reads at start
  const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name);
  return {
    async load() {
      const d = await connection();
      return d.getAll(EVENTS);
    },
    async save(events) {
      const d = await connection();
      const tx = d.transaction(EVENTS, "readwrite");
      try {
        // each put's own rejection is the transaction's: tx.done says it once
        for (const e of events) tx.store.put(e).catch(() => {});
      } catch (error) {
        // a put that throws at once (quota, a value it cannot clone) leaves nothing half written
        tx.abort();
        tx.done.catch(() => {});
        throw error;
      }
      await tx.done;
      channel?.postMessage("saved");
    },
    async remove(eventIds) {
      const d = await connection();
      const tx = d.transaction(EVENTS, "readwrite");
      for (const id of eventIds) tx.store.delete(id).catch(() => {});
      await tx.done;
    },
    watch(changed) {
      if (!channel) return () => {};
      const listener = () => changed();
      channel.addEventListener("message", listener);
      return () => channel.removeEventListener("message", listener);
    },
    close() {
      channel?.close();
      forget();
    },
  };
}
