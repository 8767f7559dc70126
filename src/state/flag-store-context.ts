import { createContext, createElement, type ReactNode, useContext } from "react";
import type { FlagStore } from "./flag-store/index";

const FlagStoreContext = createContext<FlagStore | null>(null);

/**
 * Gives the components below the app's one flag store (`FlagStore`): they read it with
 * {@link useFlagStore} instead of taking it as a prop, as they read the app store.
 */
export function FlagStoreProvider({ store, children }: { store: FlagStore; children?: ReactNode }) {
  return createElement(FlagStoreContext.Provider, { value: store }, children);
}

/** The app's flag store, or null outside a {@link FlagStoreProvider} (tests rendering one panel). */
export function useFlagStore(): FlagStore | null {
  return useContext(FlagStoreContext);
}
