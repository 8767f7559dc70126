import { useEffect, useState } from "react";
import { parseCatalog } from "../core/catalog/parse-catalog";
import type { CatalogState } from "../state/load-states";
import { loadJson, toLoadFailure } from "./load-source";

/** Fetches and validates a catalogue. */
async function loadCatalog(url: URL, file: string): Promise<CatalogState> {
  try {
    const { catalog, problems } = parseCatalog(await loadJson(url, file));
    return catalog
      ? { status: "ready", catalog, problems }
      : { status: "failed", failure: null, problems };
  } catch (error) {
    return { status: "failed", failure: toLoadFailure(error, file), problems: [] };
  }
}

const started = new Map<string, Promise<CatalogState>>();

/**
 * Reads the catalogue at `url`, once per page: as the app starts (see start-loading.ts) and again
 * by {@link useCatalog}, which then takes the same read.
 */
export function startCatalog(url: URL, file: string): Promise<CatalogState> {
  let read = started.get(url.href);
  if (!read) {
    read = loadCatalog(url, file);
    started.set(url.href, read);
  }
  return read;
}

/**
 * Fetches and validates the layer catalogue once. Entry problems come back beside the valid
 * catalogue; a missing file or a bad root gives `failed`.
 */
export function useCatalog(url: URL, file: string): CatalogState {
  const [state, setState] = useState<CatalogState>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    void startCatalog(url, file).then((read) => {
      if (!cancelled) setState(read);
    });
    return () => {
      cancelled = true;
    };
  }, [url, file]);
  return state;
}
