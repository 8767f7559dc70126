import type { CompareOptions, PlanComparison } from "../core/compare/index";
import type { ComparePiece } from "../core/compare/types";
import type { LayerData, PackedLayer } from "../io/packed-collection";
import type { PackedJson } from "../io/packed-json";

/**
 * The options of a comparison that can cross to a worker (structured clone): no kernel, signal or
 * callback, which the worker sets itself.
 */
export type CompareRequestOptions = Pick<
  CompareOptions,
  | "attribute"
  | "currentAttribute"
  | "proposalAttribute"
  | "toleranceSquareMeters"
  | "toleranceMeters"
  | "geometry"
> & {
  /** District polygons (property `code`), parsed or packed. */
  districts?: LayerData;
};

/**
 * What to compare: the current city plan's zones and the proposal's (both WGS84 polygons, as the
 * proposal step leaves them), and how to read them.
 */
export type CompareRequest = {
  /** Parsed, or packed bytes (a large proposal: copied as one buffer, parsed in the worker). */
  current: LayerData;
  proposal: LayerData;
  options?: CompareRequestOptions;
};

/**
 * A comparison as the worker hands it over: the comparison, and its drawable pieces as the map
 * draws them, packed (a Blob crosses as a handle): the map's tile worker cuts them into vector
 * tiles (src/map/packed-tiles.ts), so 100 000 pieces never cross from the page to the map as
 * objects (a structured clone on the page's thread, a second or more).
 */
export type CompareResult = { comparison: PlanComparison; mapPieces: PackedLayer };

/** Messages the page sends a compare worker. */
export type ToCompareWorker =
  /** Compare; a comparison still running in this worker is stopped first (it answers `cancelled`). */
  | { type: "compare"; runId: number; request: CompareRequest }
  /** Stop run `runId` at the next zone; the worker answers `cancelled`. */
  | { type: "cancel"; runId: number };

/** Messages a compare worker sends back; each names the run it belongs to. */
export type FromCompareWorker =
  /** Zones done and zones in all (both plans). */
  | { type: "progress"; runId: number; done: number; total: number }
  /**
   * Pieces `start` … of the result that follows, without their geometry (`geometry: null`); the
   * first part carries every piece's geometry, packed (see `worker/compare-parts.ts`).
   */
  | {
      type: "pieces";
      runId: number;
      start: number;
      pieces: ComparePiece[];
      geometry?: PackedJson;
    }
  /**
   * The result. With `piecesInParts`, its pieces came before in `pieces` messages (that many),
   * and `comparison.pieces` is empty.
   */
  | ({ type: "result"; runId: number; piecesInParts?: number } & CompareResult)
  | { type: "cancelled"; runId: number }
  /** The run failed as a whole (a bug, not bad data: bad zones become "not computed" pieces). */
  | { type: "error"; runId: number; message: string };
