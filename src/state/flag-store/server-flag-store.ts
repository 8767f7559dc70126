import { reviewEvent } from "../../core/review/index";
import { eventRefusal, may, notAllowed } from "../../core/review/review-roles";
import { createFlagStore, type StoreClock } from "./create-flag-store";
import type { PendingQueue } from "./flag-persistence";
import type { FlagStore } from "./flag-store";
import { indexedDbPersistence, REVIEW_DB } from "./indexeddb-persistence";
import type { ServerSession } from "./review-server-session";
import { POLL_MS, serverPersistence } from "./server-persistence";

export type ServerStoreOptions = {
  /** The app's address (`document.baseURI`). */
  base: string;
  fetch?: typeof fetch;
  /** Told whenever the server answers or stops answering. */
  onConnection?: (online: boolean) => void;
  every?: (run: () => void, ms: number) => () => void;
  clock?: StoreClock;
  /**
   * Where the changes not yet sent are kept across reloads; by default the browser's IndexedDB,
   * one queue per review and member ({@link pendingQueueName}). Null: in this page's memory only.
   */
  queue?: PendingQueue | null;
};

/**
 * The IndexedDB database of a member's changes to a review not yet sent. Per member: the changes
 * are signed with their name, and someone else signing in on the same browser may not send them.
 */
export const pendingQueueName = (session: ServerSession): string =>
  `${REVIEW_DB}-queue:${session.review}:${session.user}`;

/**
 * The shared review's flag store: the browser store's memory, queue and retries over the server
 * (`serverPersistence`), polled every second for the other reviewers' changes. Changes are signed
 * with the signed-in member's name, and a change the member's role may not make is refused at
 * once with the server's own words (`eventRefusal`), never queued to be refused later. While the
 * server is unreachable the changes wait in the queue — kept in IndexedDB too, so a reload or a
 * closed tab loses none: the next page sends them — and the poll notices the server back and sends
 * them then, without waiting out the retry's backoff.
 */
export function createServerFlagStore(
  session: ServerSession,
  options: ServerStoreOptions,
): FlagStore {
  const every =
    options.every ??
    ((run: () => void, ms: number) => {
      const timer = setInterval(run, ms);
      return () => clearInterval(timer);
    });
  let offline = false;
  const store = createFlagStore(
    serverPersistence({
      base: options.base,
      review: session.review,
      fetch: options.fetch,
      every,
      onConnection(online) {
        offline = !online;
        options.onConnection?.(online);
      },
    }),
    options.clock,
    options.queue === undefined ? indexedDbPersistence(pendingQueueName(session)) : options.queue,
  );
  const stopProbe = every(() => {
    if (offline && store.getSnapshot().save.kind === "failed") store.retryNow();
  }, POLL_MS);
  const who = { user: session.user, review: session.review, closed: session.closed };
  return {
    ...store,
    apply(intent) {
      const result = reviewEvent(store.getSnapshot().flags, intent, { reviewer: session.user });
      if (!result.ok) return result;
      const refused = eventRefusal(session.role, result.event, who);
      if (refused) return { ok: false, problem: refused };
      store.append([result.event]);
      return result;
    },
    importReview(text) {
      if (!may(session.role, "import")) {
        const message = notAllowed(session.role, "import");
        return { ok: false, problems: [{ index: null, id: null, field: "(file)", message }] };
      }
      return store.importReview(text);
    },
    close() {
      stopProbe();
      return store.close();
    },
  };
}
