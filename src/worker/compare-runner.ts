import type { PlanComparison } from "../core/compare/index";
import { CANCEL_GRACE_MS } from "./check-runner";
import type { CompareRequest, FromCompareWorker, ToCompareWorker } from "./compare-protocol";

/** The side of a worker the runner needs; a Web Worker in the page, a stand-in in tests. */
export type CompareWorkerPort = {
  post: (message: ToCompareWorker) => void;
  terminate: () => void;
};

/**
 * Starts the worker. `onMessage` hears its replies; `onFailure` hears that the worker itself broke
 * (its script failed to load, or a message could not be read).
 */
export type CompareWorkerFactory = (
  onMessage: (message: FromCompareWorker) => void,
  onFailure: (message: string) => void,
) => CompareWorkerPort;

/** How a comparison ended. `elapsedMs`: wall time from `run` to the result, copies included. */
export type CompareOutcome =
  | { status: "done"; comparison: PlanComparison; elapsedMs: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

type ActiveRun = {
  runId: number;
  started: number;
  onProgress: (done: number, total: number) => void;
  resolve: (outcome: CompareOutcome) => void;
};

/**
 * Runs comparisons on one Web Worker, started on the first run and kept. One comparison at a time:
 * a new run cancels the one in progress. Cancel resolves the run `cancelled` at once and asks the
 * worker to stop; a worker that does not answer within {@link CANCEL_GRACE_MS} (as the check's) is
 * terminated, and a run that starts meanwhile gets a fresh worker rather than waiting.
 */
export class CompareRunner {
  private port: CompareWorkerPort | null = null;
  /** A cancelled run the worker has not yet confirmed stopping. */
  private stopping: number | null = null;
  private active: ActiveRun | null = null;
  private nextRunId = 1;
  private disposed = false;

  constructor(private readonly factory: CompareWorkerFactory) {}

  /** True while a comparison is in progress. */
  get running(): boolean {
    return this.active !== null;
  }

  /**
   * Compares `request.proposal` with `request.current` on the worker. `onProgress` hears zones done
   * and zones in all. Never rejects: failures resolve `failed` with the reason.
   */
  run(
    request: CompareRequest,
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<CompareOutcome> {
    if (this.disposed) return Promise.resolve({ status: "failed", message: "runner disposed" });
    this.cancel();
    const runId = this.nextRunId++;
    return new Promise<CompareOutcome>((resolve) => {
      const run: ActiveRun = { runId, started: performance.now(), onProgress, resolve };
      this.active = run;
      try {
        // still busy with a cancelled run: a fresh worker is quicker than waiting for it
        if (this.stopping !== null) this.drop();
        this.port ??= this.start();
        this.port.post({ type: "compare", runId, request });
      } catch (error) {
        // a worker that cannot start, or data that cannot be cloned into it
        this.finish(run, {
          status: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  /** Stops the comparison in progress, if any; its promise resolves `cancelled` at once. */
  cancel(): void {
    const run = this.active;
    if (!run) return;
    this.active = null;
    run.resolve({ status: "cancelled" });
    const port = this.port;
    if (!port) return;
    this.stopping = run.runId;
    try {
      port.post({ type: "cancel", runId: run.runId });
    } catch {
      this.drop();
      return;
    }
    setTimeout(() => {
      if (this.port === port && this.stopping === run.runId) this.drop();
    }, CANCEL_GRACE_MS);
  }

  /** Cancels any run and terminates the worker. */
  dispose(): void {
    this.cancel();
    this.disposed = true;
    this.drop();
  }

  private start(): CompareWorkerPort {
    const port: CompareWorkerPort = this.factory(
      (message) => this.onMessage(port, message),
      (message) => this.onFailure(port, message),
    );
    return port;
  }

  private drop(): void {
    this.port?.terminate();
    this.port = null;
    this.stopping = null;
  }

  private onMessage(port: CompareWorkerPort, message: FromCompareWorker): void {
    if (this.port !== port) return;
    if (this.stopping === message.runId && message.type !== "progress") this.stopping = null;
    const run = this.active;
    if (!run || run.runId !== message.runId) return;
    switch (message.type) {
      case "progress":
        run.onProgress(message.done, message.total);
        return;
      case "result":
        this.finish(run, {
          status: "done",
          comparison: message.comparison,
          elapsedMs: performance.now() - run.started,
        });
        return;
      case "error":
        this.finish(run, { status: "failed", message: message.message });
        return;
      case "cancelled":
        return;
    }
  }

  private onFailure(port: CompareWorkerPort, message: string): void {
    if (this.port !== port) return;
    this.drop();
    const run = this.active;
    if (run) this.finish(run, { status: "failed", message });
  }

  private finish(run: ActiveRun, outcome: CompareOutcome): void {
    if (this.active === run) this.active = null;
    run.resolve(outcome);
  }
}
