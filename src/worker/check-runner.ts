import type { Rule } from "../core/catalog/rules-schema";
import {
  type CheckResult,
  mergeResultsSteps,
  PAGE_SLICE_MS,
  type PartialResult,
  stepsInSlices,
  yieldToEventLoop,
} from "../core/check/index";
import { forWorker, joinPacked, type PackedLayer } from "../io/packed-collection";
import { CANCEL_GRACE_MS } from "./cancel-grace";
import { CheckFindingParts } from "./check-parts";
import type { CheckData, FromCheckWorker, ToCheckWorker } from "./check-protocol";
import type { WorkerFactory, WorkerPort } from "./one-worker-runner";

/** The side of a worker the runner needs; a Web Worker in the page, a stand-in in tests. */
export type CheckWorkerPort = WorkerPort<ToCheckWorker>;

/**
 * Starts one worker. `onMessage` hears its replies; `onFailure` hears that the worker itself broke
 * (its script failed to load, or threw outside a run).
 */
export type CheckWorkerFactory = WorkerFactory<ToCheckWorker, FromCheckWorker>;

/**
 * How a run ended. `elapsedMs` is wall time from `run` to the merged result, data transfer
 * included. `drawn`: the findings' conflicting parts packed for the map by the workers, joined
 * (null when a worker sent none).
 */
export type RunOutcome =
  | { status: "done"; result: CheckResult; elapsedMs: number; drawn: PackedLayer | null }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

/** The id of warming runs: never a user's run (those count from 1), so their replies are ignored. */
const WARM_RUN = 0;

export { CANCEL_GRACE_MS };

type Slot = {
  port: CheckWorkerPort;
  /** The data object this worker holds (compared by identity, so it is sent once). */
  sent: CheckData | null;
  /** A cancelled run this worker has not yet confirmed stopping. */
  stopping: number | null;
};

type ActiveRun = {
  runId: number;
  started: number;
  progress: { done: number; total: number }[];
  partials: (PartialResult | null)[];
  /** Each worker's findings packed for the map, as its result brought them. */
  drawn: (PackedLayer | undefined)[];
  /** Each worker's findings that came in parts ahead of its result. */
  parts: CheckFindingParts[];
  /** Workers that have answered this run (result or error): nothing left to stop there. */
  answered: boolean[];
  onProgress: (done: number, total: number) => void;
  resolve: (outcome: RunOutcome) => void;
};

/**
 * Runs the consistency check on a small pool of Web Workers, each checking an interleaved partition
 * of the units, and merges their partial results (`mergeResultsSteps` sorts, so the result does not
 * depend on how the work was split). Workers start on the first run and are kept: the layers are
 * cloned into each worker once, and later runs send only the rules. Cancel asks the workers to stop;
 * one that does not answer within {@link CANCEL_GRACE_MS} is terminated and replaced on the next run.
 */
export class CheckRunner {
  private readonly slots: (Slot | null)[];
  private active: ActiveRun | null = null;
  private nextRunId = 1;
  private disposed = false;

  constructor(
    private readonly factory: CheckWorkerFactory,
    workerCount: number,
  ) {
    this.slots = Array.from({ length: Math.max(1, Math.floor(workerCount)) }, () => null);
  }

  /** True while a run is in progress. */
  get running(): boolean {
    return this.active !== null;
  }

  /**
   * Checks `rules` over `data`. A run still in progress is cancelled first. `onProgress` hears units
   * done and units in all, summed over the workers.
   */
  run(
    data: CheckData,
    rules: Rule[],
    onProgress: (done: number, total: number) => void,
  ): Promise<RunOutcome> {
    if (this.disposed) return Promise.resolve({ status: "failed", message: "runner disposed" });
    this.cancel();
    const runId = this.nextRunId++;
    const count = this.slots.length;
    return new Promise<RunOutcome>((resolve) => {
      this.active = {
        runId,
        started: performance.now(),
        progress: Array.from({ length: count }, () => ({ done: 0, total: 0 })),
        partials: Array.from({ length: count }, () => null),
        drawn: Array.from({ length: count }, () => undefined),
        parts: Array.from({ length: count }, () => new CheckFindingParts()),
        answered: Array.from({ length: count }, () => false),
        onProgress,
        resolve,
      };
      try {
        for (let index = 0; index < count; index++) {
          let slot = this.slots[index] ?? null;
          if (slot && slot.stopping !== null) {
            // Still busy with a cancelled run: a fresh worker is quicker than waiting for it.
            this.dropSlot(index);
            slot = null;
          }
          slot ??= this.startSlot(index);
          this.provide(slot, data);
          slot.port.post({ type: "run", runId, rules, part: { index, count } });
        }
      } catch (error) {
        // A worker that cannot start, or data that cannot be cloned into it.
        const active = this.active;
        if (active?.runId === runId) {
          this.fail(active, error instanceof Error ? error.message : String(error));
        }
      }
    });
  }

  /**
   * Starts the workers and sends them `data` ahead of the first run (when the check panel opens), so
   * module loading and the copy of the layers are not part of the user's wait; then has them check
   * `rules` (the ones ticked), each its partition, keeping what they find for the run: the click
   * then only gathers the findings. A run stops the warming where it is and checks what is left.
   * Idle workers only.
   */
  warm(data: CheckData, rules: readonly Rule[] = []): void {
    if (this.disposed || this.active) return;
    const count = this.slots.length;
    try {
      for (const index of this.slots.keys()) {
        const slot = this.slots[index] ?? this.startSlot(index);
        this.provide(slot, data);
        if (rules.length > 0) {
          slot.port.post({
            type: "warm",
            runId: WARM_RUN,
            rules: [...rules],
            part: { index, count },
          });
        }
      }
    } catch {
      // The run will start the workers again and report the failure.
    }
  }

  /** Stops the run in progress, if any; its promise resolves `cancelled` at once. */
  cancel(): void {
    const run = this.active;
    if (!run) return;
    this.stop(run);
    run.resolve({ status: "cancelled" });
  }

  /** Cancels any run and terminates every worker. */
  dispose(): void {
    this.cancel();
    this.disposed = true;
    for (const index of this.slots.keys()) this.dropSlot(index);
  }

  /** Ends `run` and asks its workers to stop, terminating those that do not answer in time. */
  private stop(run: ActiveRun): void {
    if (this.active === run) this.active = null;
    for (const [index, slot] of this.slots.entries()) {
      if (!slot || run.answered[index]) continue;
      slot.stopping = run.runId;
      try {
        slot.port.post({ type: "cancel", runId: run.runId });
      } catch {
        this.dropSlot(index);
        continue;
      }
      setTimeout(() => {
        if (this.slots[index] === slot && slot.stopping === run.runId) this.dropSlot(index);
      }, CANCEL_GRACE_MS);
    }
  }

  private startSlot(index: number): Slot {
    const slot: Slot = {
      port: this.factory(
        (message) => this.onMessage(index, slot, message),
        (message) => this.onFailure(index, slot, message),
      ),
      sent: null,
      stopping: null,
    };
    this.slots[index] = slot;
    return slot;
  }

  /** Sends `data` to a worker that does not hold it yet. */
  private provide(slot: Slot, data: CheckData): void {
    if (slot.sent === data) return;
    // packed layers go as their Blob alone (a handle): the page's bytes and ids stay behind
    const layers = Object.fromEntries(
      Object.entries(data.layers).map(([id, layer]) => [id, forWorker(layer)]),
    );
    const districts = data.districts && forWorker(data.districts);
    slot.port.post({ type: "data", data: { ...data, layers, districts } });
    slot.sent = data;
  }

  private dropSlot(index: number): void {
    this.slots[index]?.port.terminate();
    this.slots[index] = null;
  }

  private onMessage(index: number, slot: Slot, message: FromCheckWorker): void {
    if (this.slots[index] !== slot) return;
    if (slot.stopping === message.runId && message.type !== "progress") slot.stopping = null;
    const run = this.active;
    if (!run || run.runId !== message.runId) return;
    switch (message.type) {
      case "progress": {
        run.progress[index] = { done: message.done, total: message.total };
        const done = run.progress.reduce((sum, p) => sum + p.done, 0);
        const total = run.progress.reduce((sum, p) => sum + p.total, 0);
        run.onProgress(done, total);
        return;
      }
      case "findings":
        run.parts[index]?.add(message);
        return;
      case "result": {
        run.answered[index] = true;
        let partial: PartialResult;
        try {
          partial = (run.parts[index] as CheckFindingParts).complete(message);
        } catch (error) {
          this.fail(run, error instanceof Error ? error.message : String(error));
          return;
        }
        run.partials[index] = partial;
        run.drawn[index] = message.drawn;
        const partials = run.partials.filter((p): p is PartialResult => p !== null);
        if (partials.length < run.partials.length) return;
        // merged in slices, in tasks of their own after the last part's: a proposal's 20 000
        // findings merged in one task held the page's thread for 130 ms and more. The run is
        // still the active one meanwhile: a cancel or a newer run ends it, and its merge is dropped.
        void yieldToEventLoop()
          .then(() => stepsInSlices(mergeResultsSteps(partials), { sliceMs: PAGE_SLICE_MS }))
          .then(
            (result) => {
              if (this.active !== run) return;
              this.active = null;
              const drawn = run.drawn.filter((d): d is PackedLayer => d !== undefined);
              run.resolve({
                status: "done",
                result,
                elapsedMs: performance.now() - run.started,
                drawn: drawn.length === run.drawn.length ? joinPacked(drawn) : null,
              });
            },
            (error: unknown) => {
              if (this.active === run) this.fail(run, String(error));
            },
          );
        return;
      }
      case "error":
        run.answered[index] = true;
        this.fail(run, message.message);
        return;
      case "cancelled":
      case "warmed":
        return;
    }
  }

  private onFailure(index: number, slot: Slot, message: string): void {
    if (this.slots[index] !== slot) return;
    this.dropSlot(index);
    const run = this.active;
    if (run) this.fail(run, message);
  }

  /** Ends a run as failed and stops the workers still checking it. */
  private fail(run: ActiveRun, message: string): void {
    this.stop(run);
    run.resolve({ status: "failed", message });
  }
}
