import { CONFIGURED_BASEMAP } from "../state/basemap";

const STORAGE_KEY = "plan-layers:basemap-address";

/**
 * The intranet basemap's address this browser uses: one typed in the UI (kept in local storage),
 * else the build's `PLAN_LAYERS_BASEMAP`, else "".
 */
export function storedBasemapAddress(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? CONFIGURED_BASEMAP;
  } catch {
    return CONFIGURED_BASEMAP; // storage blocked by privacy settings: the build's address still works
  }
}

/** Keeps an address typed in the UI for the next visit; the build's own is not stored. */
export function storeBasemapAddress(address: string): void {
  try {
    if (address === CONFIGURED_BASEMAP) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, address);
  } catch {
    // kept for this visit only
  }
}
