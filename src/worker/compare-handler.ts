import { comparePlansAsync } from "../core/compare/index";
import { layerCollection } from "../io/packed-collection";
import { packedComparePieces } from "../map/compare-layers";
import { SLICE_MS } from "./check-handler";
import type { FromCompareWorker, ToCompareWorker } from "./compare-protocol";
import { createRunSlot } from "./run-slot";

/**
 * The message loop of a compare worker, without the worker: runs `comparePlansAsync` per `compare`
 * message in slices of {@link SLICE_MS} (as the check worker), reports progress, and stops a run on
 * `cancel` or when the next `compare` arrives. Separate from the worker script so it runs in Node
 * tests, and so a worker that does other work (parsing a proposal) can route these messages to it.
 *
 * @param post - sends a message back to the page
 * @param sliceMs - longest stretch of comparing between two looks at the message queue, ms
 * @returns the function to call with every message the page sends
 */
export function createCompareHandler(
  post: (message: FromCompareWorker) => void,
  sliceMs = SLICE_MS,
): (message: ToCompareWorker) => void {
  const runs = createRunSlot(post);
  return (message) => {
    switch (message.type) {
      case "cancel":
        runs.cancel(message.runId);
        return;
      case "compare": {
        const { runId, request } = message;
        const { districts, ...options } = request.options ?? {};
        runs.start(runId, async (signal) => {
          const comparison = await comparePlansAsync(
            await layerCollection(request.current),
            await layerCollection(request.proposal),
            {
              ...options,
              ...(districts ? { districts: await layerCollection(districts) } : {}),
              signal,
              sliceMs,
              onProgress: (done, total) => post({ type: "progress", runId, done, total }),
            },
          );
          return { type: "result", runId, comparison, mapPieces: packedComparePieces(comparison) };
        });
        return;
      }
    }
  };
}
