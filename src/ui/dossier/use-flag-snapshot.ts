import { useCallback, useSyncExternalStore } from "react";
import type { FlagStore, FlagStoreSnapshot } from "../../state/flag-store/index";

const NO_FLAGS: FlagStoreSnapshot = { events: [], flags: new Map(), save: { kind: "saved" } };
const NOTHING_TO_HEAR = () => () => {};

/**
 * The stored flags as they change (another tab's too), or none without a store. Until the flags UI
 * lands, the dossier shows whatever flags the store holds through this.
 */
export function useFlagSnapshot(store: FlagStore | null): FlagStoreSnapshot {
  const subscribe = useCallback(
    (listener: () => void) => (store ? store.subscribe(listener) : NOTHING_TO_HEAR()),
    [store],
  );
  const getSnapshot = useCallback(() => (store ? store.getSnapshot() : NO_FLAGS), [store]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
