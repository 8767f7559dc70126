import type { FeatureCollection } from "geojson";
import type { CompareOptions, PlanComparison } from "../core/compare/index";

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
  | "districts"
  | "geometry"
>;

/**
 * What to compare: the current city plan's zones and the proposal's (both WGS84 polygons, as the
 * proposal step leaves them), and how to read them.
 */
export type CompareRequest = {
  current: FeatureCollection;
  proposal: FeatureCollection;
  options?: CompareRequestOptions;
};

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
  | { type: "result"; runId: number; comparison: PlanComparison }
  | { type: "cancelled"; runId: number }
  /** The run failed as a whole (a bug, not bad data: bad zones become "not computed" pieces). */
  | { type: "error"; runId: number; message: string };
