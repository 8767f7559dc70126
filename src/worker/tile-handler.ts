import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import type { FeatureCollection } from "geojson";
import {
  type FromTileWorker,
  PACKED_SOURCE_LAYER,
  SMALL_FEATURE,
  type ToTileWorker,
} from "./tile-protocol";

/** Tile units per pixel: MapLibre's GeoJSON tiles are 512 pixels of 8 192 units. */
const UNITS_PER_PIXEL = 8192 / 512;

/**
 * Tiles cut as MapLibre's own GeoJSON source cuts them (512-pixel tiles of 8 192 units, its
 * simplification tolerance of 0.375 pixel), so a packed layer draws as the same
 * layer given to a GeoJSON source does, but with a buffer of 8 pixels instead of 128: MapLibre's
 * 128 leaves room for labels, and packed layers have none (fills, outlines, lines up to a few
 * pixels wide, circles). With 128 each tile carried the features of a band a quarter of a tile
 * wide around it, about twice the geometry to draw. `generateId`: each feature's index is its id,
 * as the map's GeoJSON sources number them, so a click finds the feature in the packed bytes.
 */
export const TILE_OPTIONS = {
  extent: 8192,
  tolerance: 0.375 * UNITS_PER_PIXEL,
  buffer: 8 * UNITS_PER_PIXEL,
  maxZoom: 18,
  generateId: true,
} as const;

/**
 * A polygon whose box in its tile is at most this many pixels wide and high is marked
 * {@link SMALL_FEATURE}. An outline drawn in the polygon's own colour around it covers the
 * polygon and adds nothing its fill does not show; with 100 000 zones compared at the city's
 * zoom nearly every changed piece is that small, and their outlines were half of what a frame
 * drew (2.5 of 6.2 million indices).
 */
export const SMALL_FEATURE_PIXELS = 4;

/**
 * `feature`, marked {@link SMALL_FEATURE} when it is a polygon that small: a copy, since the
 * index keeps its tiles and their features share one attributes object across zoom levels.
 */
function markedIfSmall<F extends GeoJSONVTFeature>(feature: F): F {
  if (feature.type !== 3) return feature;
  const limit = SMALL_FEATURE_PIXELS * UNITS_PER_PIXEL;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  // every ring (of every part): the box of all of them is the polygon's
  for (const ring of feature.geometry) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (maxX - minX > limit || maxY - minY > limit) return feature;
  }
  return { ...feature, tags: { ...feature.tags, [SMALL_FEATURE]: true } };
}

/**
 * The tile worker's message loop, without the worker (so it runs in Node tests): indexes each
 * packed layer with geojson-vt once, and answers tile requests with vector tile bytes encoded by
 * vt-pbf, the libraries MapLibre's own GeoJSON source uses. A request arriving while its layer is
 * still being parsed waits for it; one for a dropped or unknown layer gets an empty tile.
 */
export function createTileHandler(
  post: (message: FromTileWorker, transfer: ArrayBuffer[]) => void,
): (message: ToTileWorker) => Promise<void> {
  const layers = new Map<string, Promise<GeoJSONVT>>();

  async function tile(key: string, z: number, x: number, y: number): Promise<ArrayBuffer> {
    const index = layers.get(key);
    if (!index) return new ArrayBuffer(0);
    const found = (await index).getTile(z, x, y);
    if (!found || found.features.length === 0) return new ArrayBuffer(0);
    const features = found.features.map(markedIfSmall) as GeoJSONVTTile["features"];
    const bytes = fromGeojsonVt(
      { [PACKED_SOURCE_LAYER]: { ...found, features } },
      { version: 2, extent: TILE_OPTIONS.extent },
    );
    // the bytes alone, so the transfer moves no more than the tile
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }

  return async (message) => {
    switch (message.type) {
      case "load": {
        const index = message.blob
          .text()
          .then((text) => new GeoJSONVT(JSON.parse(text) as FeatureCollection, TILE_OPTIONS));
        // a failure is answered to each tile request (see `tile`), not here: nobody waits on this
        index.catch(() => {});
        layers.set(message.key, index);
        return;
      }
      case "drop":
        layers.delete(message.key);
        return;
      case "tile": {
        const { requestId, key, z, x, y } = message;
        try {
          const bytes = await tile(key, z, x, y);
          post({ type: "tile", requestId, bytes }, bytes.byteLength > 0 ? [bytes] : []);
        } catch (error) {
          post({ type: "tile", requestId, bytes: new ArrayBuffer(0), error: String(error) }, []);
        }
        return;
      }
    }
  };
}
