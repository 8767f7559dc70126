import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
  SourceSpecification,
} from "maplibre-gl";
import { isPacked, type LayerData } from "../io/packed-collection";
import { PACKED_SOURCE_LAYER, type PictureImage } from "../worker/tile-protocol";
import {
  drawnFrom,
  fromZoom,
  pictureLayerSpec,
  pictureSourceId,
  pictureStyle,
  pictureZoom,
} from "./packed-pictures";
import type { PackedTiles } from "./packed-tiles";
import { opacityProperties } from "./plan-layer-specs";

/** What of a MapLibre map changing a source's data takes (a fake in unit tests). */
export type SourceDataMap = {
  getStyle(): { layers: LayerSpecification[]; sources: Record<string, SourceSpecification> };
  getSource(id: string): { type: string } | undefined;
  addSource(id: string, spec: SourceSpecification): unknown;
  removeSource(id: string): unknown;
  addLayer(spec: LayerSpecification, before?: string): unknown;
  removeLayer(id: string): unknown;
  getLayer(id: string): unknown;
  setLayoutProperty(id: string, name: "visibility", value: "visible" | "none"): unknown;
  /** A pattern image added with `addImage` (MapLibre's StyleImage: RGBA pixels). */
  getImage(id: string):
    | {
        data: { width: number; height: number; data: Uint8Array | Uint8ClampedArray };
        pixelRatio: number;
      }
    | null
    | undefined;
};

/** A source drawn as pictures below `zoom` (see packed-pictures.ts), and how they are drawn. */
type Pictures = { zoom: number; drawn: string; visible: boolean };

type GeoJSONData = GeoJSONSourceSpecification["data"];

/**
 * The map sources that show packed layers, and the GeoJSON spec each had before (restored when
 * parsed data comes again).
 */
export class SourceKinds {
  private readonly geojson = new Map<string, GeoJSONSourceSpecification>();
  /** The sources drawn as pictures below a zoom, by source id. */
  private readonly pictures = new Map<string, Pictures>();

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
      const zoom = this.tiles.drawsPictures ? pictureZoom(data) : null;
      this.removePictures(map, sourceId);
      replaceSource(map, sourceId, this.tiles.sourceFor(sourceId, data), PACKED_SOURCE_LAYER, (l) =>
        drawnFrom(l, zoom),
      );
      if (zoom !== null) this.addPictures(map, sourceId, zoom);
      return "new";
    }
    if (this.tiles.release(sourceId)) {
      const spec = this.geojson.get(sourceId) ?? { type: "geojson", data: parsed(data) };
      this.geojson.delete(sourceId);
      this.removePictures(map, sourceId);
      replaceSource(map, sourceId, { ...spec, data: parsed(data) }, null, (l) =>
        drawnFrom(l, null),
      );
      return "new";
    }
    (map.getSource(sourceId) as unknown as { setData(data: GeoJSONData): unknown }).setData(
      parsed(data),
    );
    return "data";
  }

  /**
   * The value of paint property `name` of a layer of `sourceId` (of type `type`) as the map takes
   * it: an opacity of a source drawn as pictures below a zoom is 0 there.
   */
  paintValue(sourceId: string, type: string, name: string, value: unknown): unknown {
    const pictures = this.pictures.get(sourceId);
    if (!pictures || !opacityProperties(type).some((p) => p === name)) return value;
    return fromZoom(value, pictures.zoom);
  }

  /** The raster source and layer of `sourceId`'s pictures, if it is drawn so at some zooms. */
  picturesOf(sourceId: string): string | null {
    return this.pictures.has(sourceId) ? pictureSourceId(sourceId) : null;
  }

  /**
   * Brings each source's pictures up to its vector layers as they now are: drawn again (a new
   * version) when a layer's paint, filter or visibility changed, hidden while none is visible
   * (kept: shown again, they are not drawn again). Returns the picture sources drawn again.
   */
  refreshPictures(map: SourceDataMap): string[] {
    if (this.pictures.size === 0) return [];
    const { layers } = map.getStyle();
    const redrawn: string[] = [];
    for (const [sourceId, pictures] of [...this.pictures]) {
      const style = pictureStyle(layersOf(layers, sourceId), (name) => imageOf(map, name));
      const visible = style.layers.length > 0;
      const drawn = JSON.stringify(style.layers);
      if (visible && drawn !== pictures.drawn) {
        this.removePictures(map, sourceId);
        this.addPictures(map, sourceId, pictures.zoom);
        redrawn.push(pictureSourceId(sourceId));
      } else if (visible !== pictures.visible) {
        pictures.visible = visible;
        map.setLayoutProperty(
          pictureSourceId(sourceId),
          "visibility",
          visible ? "visible" : "none",
        );
      }
    }
    return redrawn;
  }

  /** Forgets a source that left the map (its pictures too: they leave it now). */
  forget(map: SourceDataMap, sourceId: string): void {
    this.removePictures(map, sourceId);
    this.tiles.release(sourceId);
    this.geojson.delete(sourceId);
  }

  /** Lets go of every packed layer (the map is removed). */
  forgetAll(): void {
    this.tiles.releaseAll();
    this.geojson.clear();
    this.pictures.clear();
  }

  /**
   * Shows `sourceId` as pictures below `zoom`: a raster source of the tile worker's pictures, drawn
   * with the source's vector layers as they are, under the lowest of them.
   */
  private addPictures(map: SourceDataMap, sourceId: string, zoom: number): void {
    const { layers } = map.getStyle();
    const own = layersOf(layers, sourceId);
    if (own.length === 0) return;
    const style = pictureStyle(own, (name) => imageOf(map, name));
    const spec = this.tiles.picturesFor(sourceId, style, zoom);
    if (!spec) return;
    const visible = style.layers.length > 0;
    const id = pictureSourceId(sourceId);
    map.addSource(id, spec);
    map.addLayer(pictureLayerSpec(sourceId, zoom, visible), own[0]?.id);
    this.pictures.set(sourceId, { zoom, drawn: JSON.stringify(style.layers), visible });
  }

  private removePictures(map: SourceDataMap, sourceId: string): void {
    if (!this.pictures.delete(sourceId)) return;
    const id = pictureSourceId(sourceId);
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
}

/** The layers drawing source `sourceId`, bottom to top. */
function layersOf(layers: readonly LayerSpecification[], sourceId: string): LayerSpecification[] {
  return layers.filter((layer) => "source" in layer && layer.source === sourceId);
}

/** A pattern image of the map as a picture takes it (null: the map has none of that name). */
function imageOf(map: SourceDataMap, name: string): PictureImage | null {
  const image = map.getImage(name);
  if (!image) return null;
  const { width, height, data } = image.data;
  return { width, height, data: data.slice(), pixelRatio: image.pixelRatio };
}

/**
 * Replaces source `sourceId` by `spec` (MapLibre cannot change a source's type in place): its
 * layers are taken out and put back where they were, each with the same paint, layout and filter
 * (as `adapt` makes them), naming `sourceLayer` (null: none, for a GeoJSON source).
 */
export function replaceSource(
  map: SourceDataMap,
  sourceId: string,
  spec: SourceSpecification,
  sourceLayer: string | null,
  adapt: (layer: LayerSpecification) => LayerSpecification = (layer) => layer,
): void {
  const { layers } = map.getStyle();
  const uses = (layer: LayerSpecification) => "source" in layer && layer.source === sourceId;
  const moved: { spec: LayerSpecification; before: string | undefined }[] = [];
  layers.forEach((layer, i) => {
    if (!uses(layer)) return;
    const before = layers.slice(i + 1).find((next) => !uses(next))?.id;
    moved.push({ spec: adapt(withSourceLayer(layer, sourceLayer)), before });
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
