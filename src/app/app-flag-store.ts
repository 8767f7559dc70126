import { createFlagStore, type FlagStore, indexedDbPersistence } from "../state/flag-store/index";

declare global {
  interface Window {
    /**
     * TEST-ONLY hook: the app's flag store, so browser tests can store flags before the flag
     * controls exist (and read them back). The app itself never reads it.
     */
    __planLayersFlagStore?: FlagStore;
  }
}

/** The app's one flag store, kept in the browser's IndexedDB (see `indexedDbPersistence`). */
export function createAppFlagStore(): FlagStore {
  const store = createFlagStore(indexedDbPersistence());
  window.__planLayersFlagStore = store;
  return store;
}
