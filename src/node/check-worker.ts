import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { type PartialResult, prepareChecks } from "../core/check/index";
import { type ChunkBoard, claimAndCheck } from "./check-chunks";
import { CheckInputError } from "./check-error";
import { type CheckSource, loadCheckInputs } from "./check-inputs";

/** Marks the `workerData` of a check worker, so the CLI bundle knows to run as one. */
export const WORKER_TAG = "plan-layers-check-worker";

export type WorkerJob = {
  tag: typeof WORKER_TAG;
  source: CheckSource;
  findingGeometry: boolean;
  board: ChunkBoard;
};

/** Phase times of one thread, milliseconds, and its heap at the end. */
export type ThreadTimings = {
  read_ms: number;
  index_ms: number;
  check_ms: number;
  heap_mb: number;
  chunks: number;
};

export type WorkerReply =
  | { ok: true; partial: PartialResult; claimed: number; timings: ThreadTimings }
  /** `lines`: bad input (exit 2); `code`: Node's error code of a worker that died (out of memory). */
  | { ok: false; lines: string[] | null; message: string; code?: string };

export function isWorkerJob(data: unknown): data is WorkerJob {
  return typeof data === "object" && data !== null && (data as WorkerJob).tag === WORKER_TAG;
}

export const heapMegabytes = () => getHeapStatistics().used_heap_size / 2 ** 20;

/**
 * What a check worker does: reads the inputs itself (in parallel with the main thread; cheaper than
 * cloning parsed layers across threads), prepares them, then claims chunks of units until none is
 * left.
 */
async function runWorkerJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    const t0 = performance.now();
    const { input } = await loadCheckInputs(job.source);
    const t1 = performance.now();
    const prepared = prepareChecks({ ...input, findingGeometry: job.findingGeometry });
    const t2 = performance.now();
    const { partial, claimed } = claimAndCheck(prepared, job.board);
    const t3 = performance.now();
    const timings = {
      read_ms: t1 - t0,
      index_ms: t2 - t1,
      check_ms: t3 - t2,
      heap_mb: heapMegabytes(),
      chunks: claimed,
    };
    return { ok: true, partial, claimed, timings };
  } catch (error) {
    const lines = error instanceof CheckInputError ? [...error.lines] : null;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ok: false, lines, message };
  }
}

/** Entry of a worker thread started by `runCheck`: runs the job, posts the reply. */
export async function workerMain(): Promise<void> {
  if (!isWorkerJob(workerData) || !parentPort) return;
  parentPort.postMessage(await runWorkerJob(workerData));
}
