import { useEffect, useState } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import { collectionBbox } from "../state/bounds";
import type { LayerSource } from "../state/load-states";
import { catalogFileUrl } from "./app-file-url";
import { loadFeatureCollection, toLoadFailure } from "./load-source";

/**
 * Loads every layer's `source` (relative to the catalogue file) in parallel. Each layer settles on
 * its own: one broken file, or a source that is not a path on the app's own host, marks only its
 * own row as failed.
 */
export function useLayerSources(
  layers: readonly LayerEntry[] | null,
  catalogUrl: URL,
): Record<string, LayerSource> {
  const [sources, setSources] = useState<Record<string, LayerSource>>({});
  useEffect(() => {
    if (!layers) return;
    let cancelled = false;
    setSources(Object.fromEntries(layers.map((l) => [l.id, { status: "loading" } as const])));
    for (const layer of layers) {
      const settle = (source: LayerSource) => {
        if (!cancelled) setSources((previous) => ({ ...previous, [layer.id]: source }));
      };
      // Resolved inside the promise, so a source that cannot be fetched fails its layer alone.
      Promise.resolve()
        .then(() =>
          loadFeatureCollection(
            catalogFileUrl(layer.source, catalogUrl),
            layer.source,
            layer.geometryType,
          ),
        )
        .then(
          (data) => settle({ status: "ready", data, bbox: collectionBbox(data) }),
          (error: unknown) =>
            settle({ status: "error", failure: toLoadFailure(error, layer.source) }),
        );
    }
    return () => {
      cancelled = true;
    };
  }, [layers, catalogUrl]);
  return sources;
}
