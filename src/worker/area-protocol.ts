import type { GeometryPack } from "../core/check/geometry-pack";

/**
 * Messages the page sends the area worker, which unites the conflict polygons of the headline area
 * (`state/triage-area.ts`) off the page's thread. The run's findings cross once, as flat arrays
 * (transferred, not copied), in chunks; each union then asks for its members by position.
 */
export type ToAreaWorker =
  /**
   * Geometries of findings `start` … `start + pack.count − 1` of set `set` (a run's findings, in
   * their order). A new set replaces the one held.
   */
  | { type: "findings"; set: number; start: number; pack: GeometryPack }
  /** The area of the union of the polygonal geometries of findings `members` of set `set`. */
  | { type: "unite"; requestId: number; set: number; members: Uint32Array };

/** Messages the area worker sends back; each names the request it answers. */
export type FromAreaWorker =
  /** The union's area on the WGS84 ellipsoid, m² (`unionAreaOf`). */
  | { type: "united"; requestId: number; squareMeters: number }
  /** The union failed, or the set it names is not the one held (a newer run came). */
  | { type: "error"; requestId: number; message: string };
