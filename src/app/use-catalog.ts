import { useEffect, useState } from "react";
import { parseCatalog } from "../core/catalog/parse-catalog";
import type { CatalogState } from "../state/load-states";
import { loadJson, toLoadFailure } from "./load-source";

/**
 * Fetches and validates the layer catalogue once. Entry problems come back beside the valid
 * catalogue; a missing file or a bad root gives `failed`.
 */
export function useCatalog(url: URL, file: string): CatalogState {
  const [state, setState] = useState<CatalogState>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    loadJson(url, file).then(
      (json) => {
        if (cancelled) return;
        const { catalog, problems } = parseCatalog(json);
        setState(
          catalog
            ? { status: "ready", catalog, problems }
            : { status: "failed", failure: null, problems },
        );
      },
      (error: unknown) => {
        if (!cancelled)
          setState({ status: "failed", failure: toLoadFailure(error, file), problems: [] });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [url, file]);
  return state;
}
