import { checkPartitionAsync, partitionUnits, prepareChecks } from "../core/check/index";
import type { CheckData, FromCheckWorker, ToCheckWorker } from "./check-protocol";
import { createRunSlot } from "./run-slot";

/**
 * Longest stretch of checking between two looks at the message queue, ms. Each pause costs a timer
 * tick (clamped to 4 ms once timers nest), so short slices slow the check; this keeps a cancel
 * answered within about a tenth of a second at a few per cent of overhead.
 */
export const SLICE_MS = 50;

/**
 * The message loop of a check worker, without the worker: keeps the data sent once, runs one
 * partition per `run` message with the pure engine, reports progress, and stops a run on `cancel`
 * (or when the next `run` arrives). Separate from the worker script so it can be tested in Node.
 *
 * @param post - sends a message back to the page
 * @returns the function to call with every message the page sends
 */
export function createCheckHandler(
  post: (message: FromCheckWorker) => void,
): (message: ToCheckWorker) => void {
  let data: CheckData | null = null;
  const runs = createRunSlot(post);

  async function run(
    message: Extract<ToCheckWorker, { type: "run" }>,
    signal: AbortSignal,
  ): Promise<Extract<FromCheckWorker, { type: "result" }>> {
    const { runId, part } = message;
    if (!data) throw new Error("check worker has no data: send a data message before a run");
    const prepared = prepareChecks({
      layers: data.layers,
      rules: message.rules,
      catalog: data.catalog,
      ...(data.districts ? { districts: data.districts } : {}),
    });
    post({ type: "progress", runId, done: 0, total: partitionUnits(prepared, part) });
    const partial = await checkPartitionAsync(prepared, {
      part,
      signal,
      sliceMs: SLICE_MS,
      onProgress: (done, total) => post({ type: "progress", runId, done, total }),
    });
    return { type: "result", runId, partial };
  }

  return (message) => {
    switch (message.type) {
      case "data":
        data = message.data;
        return;
      case "cancel":
        runs.cancel(message.runId);
        return;
      case "run":
        runs.start(message.runId, (signal) => run(message, signal));
        return;
    }
  };
}
