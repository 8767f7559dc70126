import { GeoJSONVT } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import type { FeatureCollection } from "geojson";
import { type FromTileWorker, PACKED_SOURCE_LAYER, type ToTileWorker } from "./tile-protocol";

/**
 * Tiles cut as MapLibre's own GeoJSON source cuts them (512-pixel tiles of 8 192 units, its
 * simplification tolerance of 0.375 pixel, scaled by 16), so a packed layer draws as the same
 * layer given to a GeoJSON source does, but with a buffer of 8 pixels instead of 128: MapLibre's
 * 128 leaves room for labels, and packed layers have none (fills, outlines, lines up to a few
 * pixels wide, circles). With 128 each tile carried the features of a band a quarter of a tile
 * wide around it, about twice the geometry to draw. `generateId`: each feature's index is its id,
 * as the map's GeoJSON sources number them, so a click finds the feature in the packed bytes.
 */
export const TILE_OPTIONS = {
  extent: 8192,
  tolerance: 0.375 * 16,
  buffer: 8 * 16,
  maxZoom: 18,
  generateId: true,
} as const;

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
    const bytes = fromGeojsonVt(
      { [PACKED_SOURCE_LAYER]: found },
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
