import { useEffect, useMemo, useState } from "react";
import type { Finding } from "../core/check/index";
import type { ReviewIntent } from "../core/review/index";
import { createFlagStore, type FlagStore, indexedDbPersistence } from "../state/flag-store/index";
import { useAppStore, useDispatch } from "../state/store";
import type { StoreCommands } from "../state/store-commands";

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
 * Opens the flag store (IndexedDB, shared by the app's tabs) for the app's life, mirrors its
 * snapshot into the app store, keeps the reviewer's name in the browser, and gives the review
 * commands the panels call.
 */
export function useFlagStore(
  findings: readonly Finding[],
): Pick<StoreCommands, "applyReview" | "retryFlagSave" | "exportReview" | "importReview"> {
  const dispatch = useDispatch();
  const reviewer = useAppStore((s) => s.review.reviewer);
  const [store, setStore] = useState<FlagStore | null>(null);

  // Opened in the effect (not during render) so that StrictMode's mount-unmount-mount closes the
  // first store and opens a second, rather than reusing a closed one.
  useEffect(() => {
    const opened = createFlagStore(indexedDbPersistence());
    const report = () => dispatch({ type: "flags-changed", snapshot: opened.getSnapshot() });
    report();
    const unsubscribe = opened.subscribe(report);
    setStore(opened);
    return () => {
      unsubscribe();
      setStore(null);
      void opened.close();
    };
  }, [dispatch]);

  useEffect(() => {
    const name = storedReviewer();
    if (name) dispatch({ type: "set-reviewer", name });
  }, [dispatch]);
  useEffect(() => {
    try {
      if (reviewer) window.localStorage.setItem(REVIEWER_KEY, reviewer);
    } catch {
      // not kept across reloads; flags themselves are unaffected
    }
  }, [reviewer]);

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
