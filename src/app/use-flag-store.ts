import { useEffect, useMemo, useState } from "react";
import type { Finding } from "../core/check/index";
import type { ReviewIntent } from "../core/review/index";
import {
  createFlagStore,
  createServerFlagStore,
  type FlagStore,
  findReviewServer,
  indexedDbPersistence,
  storedSessionMemory,
} from "../state/flag-store/index";
import { useAppStore, useDispatch } from "../state/store";
import type { StoreCommands } from "../state/store-commands";

declare global {
  interface Window {
    /**
     * TEST-ONLY hook: the open flag store, so browser tests can store flags through it (as the
     * flag controls do) and read them back. The app itself never reads it.
     */
    __planLayersFlagStore?: FlagStore;
  }
}

/** Where the browser keeps the name flags are signed with (not a secret: shown on every flag). */
const REVIEWER_KEY = "plan-layers:reviewer";

const NOT_OPEN = {
  vi: "Kho cờ chưa mở xong; thử lại sau giây lát.",
  en: "The flag store is not open yet; try again in a moment.",
};

function storedReviewer(): string {
  try {
    return window.localStorage.getItem(REVIEWER_KEY) ?? "";
  } catch {
    return ""; // storage refused (private mode, policy): the reviewer types the name again
  }
}

/**
 * Opens the flag store for the app's life — the shared review when the app is served by the review
 * server (`npm run serve`, found by `GET api/session`) and a member is signed in, else IndexedDB,
 * shared by the app's tabs, as without the server — mirrors its snapshot and the server's state into
 * the app store, keeps the reviewer's name in the browser, and gives the review commands the
 * panels call.
 */
export function useFlagStore(
  findings: readonly Finding[],
): Pick<StoreCommands, "applyReview" | "retryFlagSave" | "exportReview" | "importReview"> {
  const dispatch = useDispatch();
  const reviewer = useAppStore((s) => s.review.reviewer);
  const onServer = useAppStore((s) => s.review.server?.kind === "review");
  const [store, setStore] = useState<FlagStore | null>(null);

  // Opened in the effect (not during render) so that StrictMode's mount-unmount-mount closes the
  // first store and opens a second, rather than reusing a closed one.
  useEffect(() => {
    let cancelled = false;
    let opened: FlagStore | null = null;
    let unsubscribe = () => {};
    const open = (chosen: FlagStore) => {
      opened = chosen;
      const report = () => dispatch({ type: "flags-changed", snapshot: chosen.getSnapshot() });
      report();
      unsubscribe = chosen.subscribe(report);
      setStore(chosen);
      window.__planLayersFlagStore = chosen;
    };
    const requested = new URLSearchParams(window.location.search).get("review");
    const memory = storedSessionMemory(() => window.localStorage);
    void findReviewServer(document.baseURI, requested, undefined, memory).then((choice) => {
      if (cancelled) return;
      if (choice.kind !== "review") {
        dispatch({ type: "server-changed", server: choice.kind === "none" ? null : choice });
        open(createFlagStore(indexedDbPersistence()));
        return;
      }
      const { session } = choice;
      let online = choice.offline !== true;
      dispatch({ type: "server-changed", server: { kind: "review", session, online } });
      dispatch({ type: "set-reviewer", name: session.user });
      const onConnection = (now: boolean) => {
        if (now === online || cancelled) return;
        online = now;
        dispatch({ type: "server-changed", server: { kind: "review", session, online } });
      };
      open(createServerFlagStore(session, { base: document.baseURI, onConnection }));
    });
    return () => {
      cancelled = true;
      unsubscribe();
      setStore(null);
      if (opened && window.__planLayersFlagStore === opened) delete window.__planLayersFlagStore;
      void opened?.close();
    };
  }, [dispatch]);

  useEffect(() => {
    const name = storedReviewer();
    if (name) dispatch({ type: "set-reviewer", name });
  }, [dispatch]);
  useEffect(() => {
    // on the server the name is the account's, not the one typed for the browser's own flags
    if (onServer) return;
    try {
      if (reviewer) window.localStorage.setItem(REVIEWER_KEY, reviewer);
    } catch {
      // not kept across reloads; flags themselves are unaffected
    }
  }, [reviewer, onServer]);

  return useMemo(
    () => ({
      applyReview: (intent: ReviewIntent) =>
        store ? store.apply(intent, { reviewer }) : { ok: false as const, problem: NOT_OPEN },
      retryFlagSave: () => store?.retryNow(),
      exportReview: () =>
        store?.exportReview({ exportedBy: reviewer || undefined, findings }) ?? "",
      importReview: (text: string) =>
        store ? store.importReview(text) : { ok: false as const, problems: [] },
    }),
    [store, reviewer, findings],
  );
}
