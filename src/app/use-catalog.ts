import { useEffect, useState } from "react";
import { type Catalog, type CatalogProblem, parseCatalog } from "../core/catalog/parse-catalog";
import type { LoadFailure } from "../state/load-failure";
import { loadJson, toLoadFailure } from "./load-source";

export type CatalogState =
  | { status: "loading" }
  | { status: "ready"; catalog: Catalog; problems: CatalogProblem[] }
  | { status: "failed"; failure: LoadFailure | null; problems: CatalogProblem[] };

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
