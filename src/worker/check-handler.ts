import {
  checkPartitionAsync,
  partitionUnits,
  prepareChecks,
  type RuleMemo,
} from "../core/check/index";
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
  let data: CheckData | null = null;
  let memo: RuleMemo = new Map();
  const runs = createRunSlot(post);

  async function check(
    message: Extract<ToCheckWorker, { type: "run" | "warm" }>,
    signal: AbortSignal,
  ) {
    const { runId, part } = message;
    if (!data) throw new Error("check worker has no data: send a data message before a run");
    const prepared = prepareChecks({
      layers: data.layers,
      rules: message.rules,
      catalog: data.catalog,
      ...(data.districts ? { districts: data.districts } : {}),
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
        data = message.data;
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
