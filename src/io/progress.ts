import type { ReadOptions } from "./format-types";

/** Time between two progress reports, and between two chances for an abort to be seen. */
const STEP_MS = 50;

/** A macrotask: lets the event loop run (a cancel button, an abort signal, a progress message). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Progress and cancellation for a reader's loop over features or records. `due()` is cheap enough
 * to call per feature; when it says so the loop awaits `step(done)`, which reports progress, gives
 * the event loop a turn (so an abort can happen at all while a long synchronous read runs) and
 * rejects with the signal's reason once aborted.
 */
export class ReadProgress {
  private last = performance.now();
  private calls = 0;

  constructor(
    private readonly options: Pick<ReadOptions, "onProgress" | "signal">,
    private readonly total: number,
  ) {
    options.signal?.throwIfAborted();
  }

  /** Whether ~50 ms passed since the last step (the clock is read every 16th call). */
  due(): boolean {
    if ((++this.calls & 15) !== 0) return false;
    return performance.now() - this.last >= STEP_MS;
  }

  /** Reports `done` of the total, yields to the event loop, and throws if aborted meanwhile. */
  async step(done: number): Promise<void> {
    this.options.signal?.throwIfAborted();
    this.options.onProgress?.(done, this.total);
    await nextTask();
    this.options.signal?.throwIfAborted();
    this.last = performance.now();
  }

  /** Reports the end (done = total). */
  finish(): void {
    this.options.signal?.throwIfAborted();
    this.options.onProgress?.(this.total, this.total);
  }
}
