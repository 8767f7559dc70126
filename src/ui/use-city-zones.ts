import type { Feature, FeatureCollection } from "geojson";
import { useCallback, useRef } from "react";
import { featureAt, isPacked } from "../io/packed-collection";
import { type ZoneInfo, zoneIndex } from "../state/place-search";
import { useAppStore } from "../state/store";
import { catalogOf } from "../state/store-selectors";

/** Zones indexed once per loaded collection (a layer's data never change once loaded). */
const indexed = new WeakMap<FeatureCollection, ZoneInfo[]>();

/**
 * The city plan's zones the search finds by id and name: every feature with an id of the loaded
 * city-level layers (read from the store). Also gives a zone's feature back, for the attribute panel.
 */
export function useCityZones(): {
  zones: ZoneInfo[];
  featureOf: (zone: ZoneInfo) => Feature | undefined;
} {
  const layers = useAppStore(catalogOf)?.layers;
  const sources = useAppStore((s) => s.resources.sources);
  const city = (layers ?? []).filter((layer) => layer.level === "city");
  const loaded = city.map((layer) => {
    const source = sources[layer.id];
    // catalogue layers arrive parsed; only a large proposal is packed, and it is not searched
    return source?.status === "ready" && !isPacked(source.data) ? source.data : null;
  });
  // the same list while no city layer's data change, so the search and the link resolver keep theirs
  const last = useRef<{ loaded: (FeatureCollection | null)[]; zones: ZoneInfo[] } | null>(null);
  const same =
    last.current?.loaded.length === loaded.length &&
    last.current.loaded.every((data, i) => data === loaded[i]);
  if (!same || !last.current) {
    const zones = city.flatMap((layer, i) => {
      const data = loaded[i];
      if (!data) return [];
      let zonesOfLayer = indexed.get(data);
      if (!zonesOfLayer) {
        zonesOfLayer = zoneIndex(layer.id, data, layer.nameAttribute);
        indexed.set(data, zonesOfLayer);
      }
      return zonesOfLayer;
    });
    last.current = { loaded, zones };
  }
  const { zones } = last.current;
  const featureOf = useCallback(
    (zone: ZoneInfo) => {
      const source = sources[zone.layerId];
      return source?.status === "ready"
        ? (featureAt(source.data, zone.index) ?? undefined)
        : undefined;
    },
    [sources],
  );
  return { zones, featureOf };
}
