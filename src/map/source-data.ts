import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
  SourceSpecification,
} from "maplibre-gl";
import { isPacked, type LayerData } from "../io/packed-collection";
import { PACKED_SOURCE_LAYER } from "../worker/tile-protocol";
import type { PackedTiles } from "./packed-tiles";

/** What of a MapLibre map changing a source's data takes (a fake in unit tests). */
export type SourceDataMap = {
  getStyle(): { layers: LayerSpecification[]; sources: Record<string, SourceSpecification> };
  getSource(id: string): { type: string } | undefined;
  addSource(id: string, spec: SourceSpecification): unknown;
  removeSource(id: string): unknown;
  addLayer(spec: LayerSpecification, before?: string): unknown;
  removeLayer(id: string): unknown;
};

type GeoJSONData = GeoJSONSourceSpecification["data"];

/**
 * The map sources that show packed layers, and the GeoJSON spec each had before (restored when
 * parsed data comes again).
 */
export class SourceKinds {
  private readonly geojson = new Map<string, GeoJSONSourceSpecification>();

  constructor(readonly tiles: PackedTiles) {}

  /**
   * Gives `sourceId` its data: parsed data through `setData` of a GeoJSON source (`parsed` turns it
   * into what the source takes), packed data as a vector source of the tile worker's tiles. A
   * source changes kind when its data does, its layers staying where they are in the drawing order
   * (a vector layer names its source layer, a GeoJSON layer does not). What happened: `"data"`, the
   * source took the data (its tiles reload); `"new"`, a new source took its place (its tiles are
   * asked for at the next frame); null, no such source.
   */
  put(
    map: SourceDataMap,
    sourceId: string,
    data: LayerData,
    parsed: (data: Exclude<LayerData, { kind: "packed" }>) => GeoJSONData,
  ): "data" | "new" | null {
    const source = map.getSource(sourceId);
    if (!source) return null;
    if (isPacked(data)) {
      if (source.type === "geojson") {
        const { data: _, ...spec } = map.getStyle().sources[sourceId] as GeoJSONSourceSpecification;
        this.geojson.set(sourceId, { ...spec, data: { type: "FeatureCollection", features: [] } });
      }
      replaceSource(map, sourceId, this.tiles.sourceFor(sourceId, data), PACKED_SOURCE_LAYER);
      return "new";
    }
    if (this.tiles.release(sourceId)) {
      const spec = this.geojson.get(sourceId) ?? { type: "geojson", data: parsed(data) };
      this.geojson.delete(sourceId);
      replaceSource(map, sourceId, { ...spec, data: parsed(data) }, null);
      return "new";
    }
    (map.getSource(sourceId) as unknown as { setData(data: GeoJSONData): unknown }).setData(
      parsed(data),
    );
    return "data";
  }

  /** Forgets a source that left the map. */
  forget(sourceId: string): void {
    this.tiles.release(sourceId);
    this.geojson.delete(sourceId);
  }

  /** Lets go of every packed layer (the map is removed). */
  forgetAll(): void {
    this.tiles.releaseAll();
    this.geojson.clear();
  }
}

/**
 * Replaces source `sourceId` by `spec` (MapLibre cannot change a source's type in place): its
 * layers are taken out and put back where they were, each with the same paint, layout and filter,
 * naming `sourceLayer` (null: none, for a GeoJSON source).
 */
export function replaceSource(
  map: SourceDataMap,
  sourceId: string,
  spec: SourceSpecification,
  sourceLayer: string | null,
): void {
  const { layers } = map.getStyle();
  const uses = (layer: LayerSpecification) => "source" in layer && layer.source === sourceId;
  const moved: { spec: LayerSpecification; before: string | undefined }[] = [];
  layers.forEach((layer, i) => {
    if (!uses(layer)) return;
    const before = layers.slice(i + 1).find((next) => !uses(next))?.id;
    moved.push({ spec: withSourceLayer(layer, sourceLayer), before });
  });
  for (const { spec: layer } of moved) map.removeLayer(layer.id);
  map.removeSource(sourceId);
  map.addSource(sourceId, spec);
  for (const { spec: layer, before } of moved) map.addLayer(layer, before);
}

function withSourceLayer(
  layer: LayerSpecification,
  sourceLayer: string | null,
): LayerSpecification {
  const { "source-layer": _, ...rest } = layer as LayerSpecification & { "source-layer"?: string };
  return (
    sourceLayer === null ? rest : { ...rest, "source-layer": sourceLayer }
  ) as LayerSpecification;
}
