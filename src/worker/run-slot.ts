/** How a run that gave no result ended, as a worker tells the page. */
export type RunEnd =
  | { type: "cancelled"; runId: number }
  /** The run failed as a whole (a bug, not bad data). */
  | { type: "error"; runId: number; message: string };

/**
 * One run at a time in a worker's message loop: `start` stops the run in progress (it answers
 * `cancelled`) and runs `work`, posting the message it resolves with, or `cancelled` when it was
 * stopped (by `cancel` or the next `start`), or `error` with the reason when it failed. A cancel
 * that comes in while the last slice is finishing still wins: no late result.
 *
 * @param post - sends a message back to the page
 */
export function createRunSlot<Result>(post: (message: Result | RunEnd) => void): {
  start: (runId: number, work: (signal: AbortSignal) => Promise<Result>) => void;
  cancel: (runId: number) => void;
} {
  let current: { runId: number; controller: AbortController } | null = null;

  async function run(runId: number, work: (signal: AbortSignal) => Promise<Result>) {
    const controller = new AbortController();
    current = { runId, controller };
    try {
      const result = await work(controller.signal);
      controller.signal.throwIfAborted();
      post(result);
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

  return {
    start: (runId, work) => {
      current?.controller.abort();
      void run(runId, work);
    },
    cancel: (runId) => {
      if (current?.runId === runId) current.controller.abort();
    },
  };
}
