import type { FeatureCollection } from "geojson";
import { stepsInSlices } from "../check/steps";
import { comparePlansSteps } from "./compare-plans";
import type { CompareOptions, PlanComparison } from "./types";

/** Options of {@link comparePlansAsync}: those of `comparePlans`, and the slice length. */
export type CompareAsyncOptions = CompareOptions & {
  /**
   * Longest stretch of comparing between two turns of the event loop, ms (default 12, as the
   * check's `checkPartitionAsync`). A zone is never cut: one zone with many neighbours may run over.
   */
  sliceMs?: number;
};

/**
 * `comparePlans` in slices of about `sliceMs` milliseconds, yielding to the event loop between
 * them, so a Web Worker receives a cancel message (and aborts `signal`) while comparing, and a page
 * keeps drawing. The same result as `comparePlans`, zone for zone (the same steps). An aborted
 * signal rejects with its reason, at the next zone or the next slice, whichever comes first.
 */
export async function comparePlansAsync(
  current: FeatureCollection,
  proposal: FeatureCollection,
  options: CompareAsyncOptions = {},
): Promise<PlanComparison> {
  const { sliceMs = 12, ...compareOptions } = options;
  const steps = comparePlansSteps(current, proposal, compareOptions);
  return stepsInSlices(steps, { sliceMs, ...(options.signal ? { signal: options.signal } : {}) });
}
