import { checkPartition, type PartialResult, type PreparedChecks } from "../core/check/index";

/**
 * Work shared by the threads of one check: the units (subject feature × rule) are cut into `chunks`
 * interleaved partitions, and each thread claims the next chunk from a counter in shared memory when
 * it is ready. A worker that starts late (its own module load, read and index) simply claims fewer
 * chunks, so no thread waits on a fixed share; a worker that is not ready before the work is gone
 * claims none and is stopped.
 */
export type ChunkBoard = { counter: Int32Array; chunks: number };

/** Chunks per thread: enough to even out the threads, few enough that walking the units is free. */
const CHUNKS_PER_THREAD = 32;

/** A board for up to `threads` threads (workers may join later, so size it for all of them). */
export function createChunkBoard(threads: number): ChunkBoard {
  return {
    counter: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    chunks: CHUNKS_PER_THREAD * Math.max(1, threads),
  };
}

/** Chunks not yet claimed. */
export function chunksLeft(board: ChunkBoard): number {
  return Math.max(0, board.chunks - Atomics.load(board.counter, 0));
}

/** A partial result with no work in it (a thread that claimed nothing). */
function emptyPartial(prepared: PreparedChecks): PartialResult {
  return {
    rules: prepared.rules.map(({ rule }) => ({
      id: rule.id,
      type: rule.type,
      severity: rule.severity,
    })),
    findings: [],
    units: [],
    accumulators: [],
    problems: prepared.problems,
    stats: { units: 0, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
  };
}

/**
 * Claims chunks until none is left, checking each; returns this thread's findings as one partial
 * result and how many chunks it claimed.
 */
export function claimAndCheck(
  prepared: PreparedChecks,
  board: ChunkBoard,
  /** Called after each chunk with the number claimed so far (the main thread decides on workers). */
  afterChunk?: (claimed: number) => void,
): { partial: PartialResult; claimed: number } {
  const partial = emptyPartial(prepared);
  // a streamed layer is read in file order, a run of units at a time (see Partition)
  const contiguous = [...prepared.engine.layers.values()].some((layer) => layer.streamed);
  let claimed = 0;
  for (;;) {
    const index = Atomics.add(board.counter, 0, 1);
    if (index >= board.chunks) break;
    claimed++;
    const part = checkPartition(prepared, { part: { index, count: board.chunks, contiguous } });
    for (const f of part.findings) partial.findings.push(f);
    for (const u of part.units) partial.units.push(u);
    // quota sums live in the prepared checkers and grow call after call: the last call's are the total
    partial.accumulators = part.accumulators;
    partial.stats.units += part.stats.units;
    partial.stats.candidatePairs += part.stats.candidatePairs;
    partial.stats.shortcutPairs += part.stats.shortcutPairs;
    partial.stats.kernelCalls += part.stats.kernelCalls;
    afterChunk?.(claimed);
  }
  return { partial, claimed };
}
