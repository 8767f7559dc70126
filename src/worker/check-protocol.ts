import type { Rule } from "../core/catalog/rules-schema";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding, PartialResult, Partition } from "../core/check/index";
import type { LayerData, PackedLayer } from "../io/packed-collection";

/**
 * What a check worker keeps between runs: the parsed layers the rules read, keyed by catalogue id,
 * the catalogue entries (prevailing plan, legal basis) and the district polygons (property `code`)
 * that say where a finding lies. Sent once per worker by structured clone, then reused by every run,
 * as are the outcomes of the rules checked over it.
 */
export type CheckData<Layer = LayerData> = {
  /** Parsed, or packed bytes (a large proposal: copied as one buffer, parsed in the worker). */
  layers: Record<string, Layer>;
  catalog: LayerEntry[];
  districts: Layer | null;
};

/** Messages the page sends a check worker. */
export type ToCheckWorker =
  | { type: "data"; data: CheckData }
  /** Check one partition of the units (subject feature × rule) of `rules` over the data last sent. */
  | { type: "run"; runId: number; rules: Rule[]; part: Partition }
  /**
   * Check them ahead of a run, answering only `warmed`: the rules checked to the end are kept, so
   * the run that follows (the user's click) only gathers them. A `run` stops it where it is.
   */
  | { type: "warm"; runId: number; rules: Rule[]; part: Partition }
  /** Stop run `runId` at the next unit; the worker answers `cancelled`. */
  | { type: "cancel"; runId: number };

/** Messages a check worker sends back; each names the run it belongs to. */
export type FromCheckWorker =
  /** Units done and units in this worker's partition. */
  | { type: "progress"; runId: number; done: number; total: number }
  /**
   * Findings `start` … of the result that follows, with the unit each came from (its `units`): a
   * part the page reads in a task of its own (see `worker/check-parts.ts`).
   */
  | { type: "findings"; runId: number; start: number; findings: Finding[]; units: number[] }
  /**
   * This worker's partition checked. With `findingsInParts`, its findings and units came before in
   * `findings` messages (that many), and the partial's own lists are empty. `drawn`: its findings'
   * conflicting parts packed for the map (see `packedFindings`), a Blob: a handle, not a copy.
   */
  | {
      type: "result";
      runId: number;
      partial: PartialResult;
      findingsInParts?: number;
      drawn?: PackedLayer;
    }
  | { type: "cancelled"; runId: number }
  /** A `warm` has checked all its rules. */
  | { type: "warmed"; runId: number }
  /** The run failed as a whole (a bug, not bad data: the engine turns bad data into findings). */
  | { type: "error"; runId: number; message: string };
