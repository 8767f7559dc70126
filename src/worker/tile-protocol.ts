/**
 * The tile worker's messages. A packed layer (a large proposal, a comparison's pieces) is cut into
 * vector tiles there, and MapLibre asks for them one by one through the `plan-tiles://` protocol
 * (see src/map/packed-tiles.ts): its features never become objects on the page's thread, and
 * MapLibre's worker never sends them back to it (a GeoJSON source given a URL does).
 */

/** Messages the page sends the tile worker. */
export type ToTileWorker =
  /**
   * Parse `blob` (a FeatureCollection as UTF-8 JSON) and index it as layer `key`; tile requests
   * for it sent after this wait for the index.
   */
  | { type: "load"; key: string; blob: Blob }
  /** The tile z/x/y of layer `key`, answered as `tile` with the same `requestId`. */
  | { type: "tile"; key: string; requestId: number; z: number; x: number; y: number }
  /** Forget layer `key` (its source left the map, or has other data now). */
  | { type: "drop"; key: string }
  /**
   * Draw the pictures of layer `key` asked for with `version` with `style`. The worker keeps the
   * latest few versions of a layer: a request for one it no longer has (the style changed since
   * it was asked) is answered without a picture.
   */
  | { type: "picture-style"; key: string; version: number; style: PictureStyle }
  /**
   * The picture of tile z/x/y of layer `key`, `pixels` square (512 × the screen's pixel ratio),
   * answered as `picture` with the same `requestId`.
   */
  | {
      type: "picture";
      key: string;
      version: number;
      requestId: number;
      z: number;
      x: number;
      y: number;
      pixels: number;
    };

/** Messages the tile worker sends back. */
export type FromTileWorker =
  /**
   * Tile `requestId`: Mapbox Vector Tile bytes, the buffer transferred (empty: no feature there);
   * `error` when the layer's bytes could not be read (a bug: the page packed them itself).
   */
  | { type: "tile"; requestId: number; bytes: ArrayBuffer; error?: string }
  /**
   * Picture `requestId`, transferred (null: nothing is drawn there, or its style changed since);
   * `error` as for a tile.
   */
  | { type: "picture"; requestId: number; image: ImageBitmap | null; error?: string };

/**
 * One MapLibre layer of a packed source as its pictures draw it (src/worker/tile-picture.ts): a
 * fill, line or circle layer's filter, paint and layout, as in the map's style.
 */
export type PictureLayer = {
  type: "fill" | "line" | "circle";
  filter?: unknown;
  paint: Readonly<Record<string, unknown>>;
  layout: Readonly<Record<string, unknown>>;
};

/** A pattern image the layers name (`fill-pattern`): RGBA pixels, as given to `map.addImage`. */
export type PictureImage = {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  pixelRatio: number;
};

/**
 * How a packed source's pictures are drawn: its visible layers, bottom to top, and the images
 * they name (by name: a Map, names are never object keys).
 */
export type PictureStyle = { layers: PictureLayer[]; images: Map<string, PictureImage> };

/** The one source layer of a packed layer's tiles (a vector layer spec names it). */
export const PACKED_SOURCE_LAYER = "features";

/**
 * The attribute the tile worker gives a polygon a few pixels across in its tile (true; absent
 * otherwise): a layer may leave it out (see `SMALL_FEATURE_PIXELS` in tile-handler.ts).
 */
export const SMALL_FEATURE = "plan-layers:small";
