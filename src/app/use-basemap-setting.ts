import { useCallback, useMemo, useState } from "react";
import { type BasemapSource, parseBasemapSource } from "../state/basemap";

declare const __PLAN_LAYERS_BASEMAP__: string;

/** The intranet basemap given at build (or dev-serve) time: `PLAN_LAYERS_BASEMAP`, or "". */
export const CONFIGURED_BASEMAP: string =
  typeof __PLAN_LAYERS_BASEMAP__ === "string" ? __PLAN_LAYERS_BASEMAP__ : "";

const STORAGE_KEY = "plan-layers:basemap-address";

function storedAddress(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (privacy settings): the build's address still works
  }
}

/** The intranet basemap's address and what it points to, as the UI and the map need them. */
export type BasemapSetting = {
  /** The address in use: the one set in the UI (kept in this browser), else the build's. */
  address: string;
  /** The build's address (`PLAN_LAYERS_BASEMAP`), "" when none. */
  configured: string;
  /** The basemap the address names, or null when there is none or it is no address. */
  source: BasemapSource | null;
  /** Why the address set in the UI is not usable (both languages), or null. */
  problem: { vi: string; en: string } | null;
  /** Sets the address in the UI ("" goes back to the build's). */
  setAddress: (address: string) => void;
};

/** Reads and keeps the intranet basemap address (see {@link BasemapSetting}). */
export function useBasemapSetting(): BasemapSetting {
  const [override, setOverride] = useState<string | null>(storedAddress);
  const address = override ?? CONFIGURED_BASEMAP;
  const parsed = useMemo(
    () => (address.trim() === "" ? null : parseBasemapSource(address, document.baseURI)),
    [address],
  );
  const setAddress = useCallback((next: string) => {
    const value = next.trim();
    try {
      if (value === "") window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // kept for this visit only
    }
    setOverride(value === "" ? null : value);
  }, []);
  return {
    address,
    configured: CONFIGURED_BASEMAP,
    source: parsed && "url" in parsed ? parsed : null,
    problem: parsed && "problem" in parsed ? parsed.problem : null,
    setAddress,
  };
}
