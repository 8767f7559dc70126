import {
  checkPartition,
  mergeResults,
  type PartialResult,
  type PreparedChecks,
  prepareChecks,
} from "../../../src/core/check/run-checks";
import {
  arrangedCheckInput,
  type SharedInput,
  sharedCheckInput,
} from "../../../src/core/check/shared-input";
import type { CheckInput } from "../../../src/core/check/types";

/*
 * A check on two threads sharing its input, run in one (deterministic: which thread checks which
 * chunks is chosen, not raced for), the way the CLI's threads split it.
 */

/** Chunks of a check on 2 threads (as the CLI's board: 32 a thread, each thread a run). */
export const CHUNKS = 64;

/**
 * One thread's share: chunks [from, to) checked as `claimAndCheck` does, into one partial (none
 * for a thread that claimed nothing).
 */
export function thread(prepared: PreparedChecks, from: number, to: number): PartialResult[] {
  const parts: PartialResult[] = [];
  for (let index = from; index < to; index++) {
    parts.push(checkPartition(prepared, { part: { index, count: CHUNKS, contiguous: true } }));
  }
  if (parts.length === 0) return [];
  const merged = mergeResults(parts);
  const last = parts[parts.length - 1] as PartialResult;
  return [
    {
      rules: last.rules,
      findings: parts.flatMap((p) => p.findings),
      units: parts.flatMap((p) => p.units),
      // quota sums grow call after call in a thread: the last call's are its total
      accumulators: last.accumulators,
      problems: last.problems,
      stats: merged.stats,
    },
  ];
}

/** The findings of two threads over a shared input: the main one's arranged, the worker's decoded. */
export function onTwoThreads(
  input: CheckInput,
  share: SharedInput,
  split = CHUNKS / 2,
  /** The worker's input (default: `sharedCheckInput(share)`). */
  workerInput: CheckInput = sharedCheckInput(share),
) {
  const main = prepareChecks(arrangedCheckInput(input, share));
  const worker = prepareChecks(workerInput);
  return mergeResults([...thread(main, 0, split), ...thread(worker, split, CHUNKS)]);
}
