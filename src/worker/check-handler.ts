import type { FeatureCollection } from "geojson";
import {
  checkPartitionAsync,
  partitionUnits,
  prepareChecks,
  type RuleMemo,
} from "../core/check/index";
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
 * (or when the next `run` arrives). Rules checked over the data are not checked again (a
 * {@link RuleMemo}, started afresh with each `data` message), and a `warm` message checks them before
 * the user asks, so a run soon after only gathers what was found. Separate from the worker script
 * so it can be tested in Node.
 *
 * @param post - sends a message back to the page
 * @returns the function to call with every message the page sends
 */
export function createCheckHandler(
  post: (message: FromCheckWorker) => void,
): (message: ToCheckWorker) => void {
  /** The data last sent, with packed layers parsed (here, in the worker, not in the page). */
  let data: Promise<CheckData<FeatureCollection>> | null = null;
  let memo: RuleMemo = new Map();
  const runs = createRunSlot(post);

  async function check(
    message: Extract<ToCheckWorker, { type: "run" | "warm" }>,
    signal: AbortSignal,
  ) {
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
    const report = message.type === "run";
    if (report) post({ type: "progress", runId, done: 0, total: partitionUnits(prepared, part) });
    return checkPartitionAsync(prepared, {
      part,
      signal,
      sliceMs: SLICE_MS,
      memo,
      ...(report
        ? {
            onProgress: (done: number, total: number) =>
              post({ type: "progress", runId, done, total }),
          }
        : {}),
    });
  }

  return (message) => {
    switch (message.type) {
      case "data":
        data = parseData(message.data);
        memo = new Map();
        return;
      case "cancel":
        runs.cancel(message.runId);
        return;
      case "run":
        runs.start(message.runId, async (signal) => ({
          type: "result" as const,
          runId: message.runId,
          partial: await check(message, signal),
        }));
        return;
      case "warm":
        runs.start(message.runId, async (signal) => {
          await check(message, signal);
          return { type: "warmed" as const, runId: message.runId };
        });
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
