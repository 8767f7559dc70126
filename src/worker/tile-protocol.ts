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
  | { type: "drop"; key: string };

/** Messages the tile worker sends back. */
export type FromTileWorker =
  /**
   * Tile `requestId`: Mapbox Vector Tile bytes, the buffer transferred (empty: no feature there);
   * `error` when the layer's bytes could not be read (a bug: the page packed them itself).
   */
  { type: "tile"; requestId: number; bytes: ArrayBuffer; error?: string };

/** The one source layer of a packed layer's tiles (a vector layer spec names it). */
export const PACKED_SOURCE_LAYER = "features";

/**
 * The attribute the tile worker gives a polygon a few pixels across in its tile (true; absent
 * otherwise): a layer may leave it out (see `SMALL_FEATURE_PIXELS` in tile-handler.ts).
 */
export const SMALL_FEATURE = "plan-layers:small";
