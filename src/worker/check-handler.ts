import type { FeatureCollection } from "geojson";
import { checkPartitionAsync, partitionUnits, prepareChecks } from "../core/check/index";
import { layerCollection } from "../io/packed-collection";
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
  /** The data last sent, with packed layers parsed (here, in the worker, not in the page). */
  let data: Promise<CheckData<FeatureCollection>> | null = null;
  const runs = createRunSlot(post);

  async function run(
    message: Extract<ToCheckWorker, { type: "run" }>,
    signal: AbortSignal,
  ): Promise<Extract<FromCheckWorker, { type: "result" }>> {
    const { runId, part } = message;
    if (!data) throw new Error("check worker has no data: send a data message before a run");
    const { layers, catalog, districts } = await data;
    signal.throwIfAborted();
    const prepared = prepareChecks({
      layers,
      rules: message.rules,
      catalog,
      ...(districts ? { districts } : {}),
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
        data = parseData(message.data);
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

/** The data with its packed layers read and parsed (a large proposal arrives as a Blob). */
async function parseData(data: CheckData): Promise<CheckData<FeatureCollection>> {
  const entries = await Promise.all(
    Object.entries(data.layers).map(async ([id, layer]) => [id, await layerCollection(layer)]),
  );
  return {
    ...data,
    layers: Object.fromEntries(entries),
    districts: data.districts && (await layerCollection(data.districts)),
  };
}
