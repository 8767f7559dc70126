import type { FeatureCollection } from "geojson";
import { startTransition, useEffect, useRef, useState } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import { collectionBbox } from "../state/bounds";
import { isToLoad, type LayersToLoad, layersToLoadKey } from "../state/first-picture";
import type { LayerSource } from "../state/load-states";
import { catalogFileUrl } from "./app-file-url";
import { loadLayerFile } from "./layer-loader";
import { toLoadFailure } from "./load-source";

/**
 * Reads the file of a catalogue layer (its `source`, relative to the catalogue). Resolved inside
 * the promise: a source that is not a path on the app's own host rejects, failing its layer alone,
 * as a file that cannot be fetched does.
 */
export function loadCatalogLayer(layer: LayerEntry, catalogUrl: URL): Promise<FeatureCollection> {
  return Promise.resolve().then(() =>
    loadLayerFile(catalogFileUrl(layer.source, catalogUrl), layer.source, layer.geometryType),
  );
}

/** The layers the files were asked for, and which of them have been asked for. */
type Requests = { layers: readonly LayerEntry[]; asked: Set<string>; live: boolean };

/**
 * Loads the `source` (relative to the catalogue file) of each layer in `toLoad` (see
 * `layersToLoad`), in parallel, each file once; a layer not asked for yet has no entry. Each layer
 * settles on its own: one broken file, or a source that is not a path on the app's own host, marks
 * only its own row as failed. A new catalogue starts over.
 */
export function useLayerSources(
  layers: readonly LayerEntry[] | null,
  catalogUrl: URL,
  toLoad: LayersToLoad = "all",
): Record<string, LayerSource> {
  const [sources, setSources] = useState<Record<string, LayerSource>>({});
  const requests = useRef<Requests | null>(null);
  const toLoadKey = layersToLoadKey(toLoad);

  useEffect(() => {
    if (!layers) return;
    const current: Requests = { layers, asked: new Set(), live: true };
    requests.current = current;
    setSources({});
    return () => {
      current.live = false;
    };
  }, [layers]);

  useEffect(() => {
    const current = requests.current;
    if (!layers || current?.layers !== layers || !current.live) return;
    const wanted: LayersToLoad = toLoadKey === "*" ? "all" : new Set(JSON.parse(toLoadKey));
    const now = layers.filter((l) => !current.asked.has(l.id) && isToLoad(wanted, l.id));
    if (now.length === 0) return;
    for (const layer of now) current.asked.add(layer.id);
    setSources((previous) => ({
      ...previous,
      ...Object.fromEntries(now.map((l) => [l.id, { status: "loading" } as const])),
    }));
    for (const layer of now) {
      // A transition: files settle one by one, and each urgent update re-rendered the whole app
      // in one task; as transitions they are rendered together, in slices that leave the page's
      // thread free for the map between them.
      const settle = (source: LayerSource) => {
        if (!current.live) return;
        startTransition(() => setSources((previous) => ({ ...previous, [layer.id]: source })));
      };
      loadCatalogLayer(layer, catalogUrl).then(
        (data) => settle({ status: "ready", data, bbox: collectionBbox(data) }),
        (error: unknown) =>
          settle({ status: "error", failure: toLoadFailure(error, layer.source) }),
      );
    }
  }, [layers, catalogUrl, toLoadKey]);

  return sources;
}
