import { comparePlansAsync } from "../core/compare/index";
import { SLICE_MS } from "./check-handler";
import type { FromCompareWorker, ToCompareWorker } from "./compare-protocol";

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
  let current: { runId: number; controller: AbortController } | null = null;

  async function run(message: Extract<ToCompareWorker, { type: "compare" }>): Promise<void> {
    const { runId, request } = message;
    const controller = new AbortController();
    current = { runId, controller };
    try {
      const comparison = await comparePlansAsync(request.current, request.proposal, {
        ...request.options,
        signal: controller.signal,
        sliceMs,
        onProgress: (done, total) => post({ type: "progress", runId, done, total }),
      });
      // A cancel that came in while the last slice was finishing still wins: no late result.
      controller.signal.throwIfAborted();
      post({ type: "result", runId, comparison });
    } catch (error) {
      if (controller.signal.aborted) post({ type: "cancelled", runId });
      else {
        const text = error instanceof Error ? error.message : String(error);
        post({ type: "error", runId, message: text });
      }
    } finally {
      if (current?.controller === controller) current = null;
    }
  }

  return (message) => {
    switch (message.type) {
      case "cancel":
        if (current?.runId === message.runId) current.controller.abort();
        return;
      case "compare":
        current?.controller.abort();
        void run(message);
        return;
    }
  };
}
