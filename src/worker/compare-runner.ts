import { forWorker } from "../io/packed-collection";
import { ComparePieceParts } from "./compare-parts";
import type {
  CompareRequest,
  CompareResult,
  FromCompareWorker,
  ToCompareWorker,
} from "./compare-protocol";
import {
  type JobProtocol,
  OneWorkerRunner,
  type WorkerFactory,
  type WorkerPort,
} from "./one-worker-runner";

/** The side of a worker the runner needs; a Web Worker in the page, a stand-in in tests. */
export type CompareWorkerPort = WorkerPort<ToCompareWorker>;

/**
 * Starts the worker. `onMessage` hears its replies; `onFailure` hears that the worker itself broke
 * (its script failed to load, or a message could not be read).
 */
export type CompareWorkerFactory = WorkerFactory<ToCompareWorker, FromCompareWorker>;

/** How a comparison ended. `elapsedMs`: wall time from `run` to the result, copies included. */
export type CompareOutcome =
  | ({ status: "done"; elapsedMs: number } & CompareResult)
  | { status: "cancelled" }
  | { status: "failed"; message: string };

/**
 * How the runner speaks to the compare worker; `parts` gathers the pieces a result sends ahead of
 * it (`compareMessages`).
 */
function compareProtocol(
  parts: ComparePieceParts,
): JobProtocol<ToCompareWorker, FromCompareWorker, CompareRequest, CompareResult> {
  return {
    // packed layers go as their Blob alone (a handle): the page's bytes and ids stay behind
    start: (runId, { current, proposal, options }) => ({
      type: "compare",
      runId,
      request: {
        current: forWorker(current),
        proposal: forWorker(proposal),
        ...(options
          ? {
              options: {
                ...options,
                ...(options.districts ? { districts: forWorker(options.districts) } : {}),
              },
            }
          : {}),
      },
    }),
    cancel: (runId) => ({ type: "cancel", runId }),
    result: (message) => {
      if (message.type === "pieces") parts.add(message);
      return message.type === "result"
        ? { comparison: parts.complete(message), mapPieces: message.mapPieces }
        : undefined;
    },
  };
}

/**
 * Runs comparisons on one Web Worker (see {@link OneWorkerRunner}): one comparison at a time, a
 * new run cancels the one in progress, cancel resolves at once, a worker that does not stop in
 * time is terminated and the next run gets a fresh one.
 */
export class CompareRunner {
  private readonly runner: OneWorkerRunner<
    ToCompareWorker,
    FromCompareWorker,
    CompareRequest,
    CompareResult
  >;

  constructor(factory: CompareWorkerFactory) {
    this.runner = new OneWorkerRunner(factory, compareProtocol(new ComparePieceParts()));
  }

  /** True while a comparison is in progress. */
  get running(): boolean {
    return this.runner.running;
  }

  /**
   * Compares `request.proposal` with `request.current` on the worker. `onProgress` hears zones done
   * and zones in all. Never rejects: failures resolve `failed` with the reason.
   */
  async run(
    request: CompareRequest,
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<CompareOutcome> {
    const outcome = await this.runner.run(request, (done, total) => onProgress(done, total));
    return outcome.status === "done"
      ? { status: "done", ...outcome.result, elapsedMs: outcome.elapsedMs }
      : outcome;
  }

  /** Stops the comparison in progress, if any; its promise resolves `cancelled` at once. */
  cancel(): void {
    this.runner.cancel();
  }

  /** Cancels any run and terminates the worker. */
  dispose(): void {
    this.runner.dispose();
  }
}
