import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CheckResult, mergeResults, prepareChecks } from "../core/check/index";
import { claimAndCheck, createChunkBoard } from "./check-chunks";
import { CheckInputError } from "./check-error";
import {
  type CheckSource,
  type LoadedInputs,
  planBytes,
  planInputs,
  readInputs,
} from "./check-inputs";
import {
  heapMegabytes,
  type ThreadTimings,
  WORKER_TAG,
  type WorkerJob,
  type WorkerReply,
} from "./check-worker";
import { pinnedKernel } from "./pinned-kernel";

/**
 * Below this many input bytes "auto" uses one thread: the main thread finishes before a worker has
 * loaded its modules and read the files, so the worker would only compete for the CPU. Measured on
 * the generator's data (npm run bench): see the closing note of issue 3.
 */
export const PARALLEL_MIN_BYTES = 4_000_000;

export type RunCheckOptions = {
  source: CheckSource;
  /** Threads checking, main thread included; "auto" = one below PARALLEL_MIN_BYTES, else all cores. */
  workers: number | "auto";
  /** Script a worker thread runs: a module that calls `workerMain()` when given a check job. */
  workerScript: URL;
};

export type RunCheckOutput = {
  result: CheckResult;
  loaded: LoadedInputs;
  /** Main thread phases, ms: read (catalogue, rules, layers), index (prepare), check (all threads). */
  timings: { read_ms: number; index_ms: number; check_ms: number };
  /** Threads started, main included. */
  threads: number;
  /** Phases of the threads that did work, main first. */
  perThread: ThreadTimings[];
};

export function threadCount(workers: number | "auto", bytes: number): number {
  if (workers !== "auto") return workers;
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.max(1, availableParallelism());
}

type Started = { worker: Worker; reply: Promise<WorkerReply> };

function startWorker(script: URL, job: WorkerJob): Started {
  const worker = new Worker(script, { workerData: job });
  const reply = new Promise<WorkerReply>((resolve) => {
    worker.once("message", (message: WorkerReply) => resolve(message));
    worker.once("error", (error) =>
      resolve({ ok: false, lines: null, message: error.stack ?? error.message }),
    );
    worker.once("exit", (code) =>
      resolve({ ok: false, lines: null, message: `check worker exited with code ${code}` }),
    );
  });
  return { worker, reply };
}

function failed(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.lines) return new CheckInputError(reply.lines);
  return new Error(`check worker failed: ${reply.message}`);
}

/**
 * Runs the check on up to `threads` threads. Workers start before the main thread reads anything;
 * each reads and indexes the inputs itself, then all threads claim chunks of the units from a shared
 * counter (see check-chunks.ts). The main thread waits only for workers that claimed chunks, stops
 * the others, and merges. The result does not depend on the number of threads (mergeResults sorts).
 *
 * @throws CheckInputError for bad input (workers are stopped first)
 */
export async function runCheck(options: RunCheckOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  const threads = threadCount(options.workers, planBytes(plan));
  const board = createChunkBoard(threads);
  const started: Started[] = [];
  for (let i = 1; i < threads; i++) {
    started.push(
      startWorker(options.workerScript, { tag: WORKER_TAG, source: options.source, board }),
    );
  }
  try {
    const loaded = await readInputs(plan);
    const t1 = performance.now();
    const prepared = prepareChecks({ ...loaded.input, kernel: pinnedKernel(loaded.input) });
    const t2 = performance.now();
    const mine = claimAndCheck(prepared, board);
    const t3 = performance.now();
    const partials = [mine.partial];
    const perThread: ThreadTimings[] = [
      {
        read_ms: t1 - t0,
        index_ms: t2 - t1,
        check_ms: t3 - t2,
        heap_mb: heapMegabytes(),
        chunks: mine.claimed,
      },
    ];
    // Every chunk is claimed by now; wait for the workers holding the rest, in the order they finish.
    let missing = board.chunks - mine.claimed;
    const pending = new Map(started.map((s, i) => [i, s.reply.then((r) => [i, r] as const)]));
    while (missing > 0 && pending.size > 0) {
      const [i, reply] = await Promise.race(pending.values());
      pending.delete(i);
      if (!reply.ok) throw failed(reply);
      missing -= reply.claimed;
      if (reply.claimed > 0) {
        partials.push(reply.partial);
        perThread.push(reply.timings);
      }
    }
    if (missing > 0) throw new Error(`check workers left ${missing} chunks unreported`);
    const result = mergeResults(partials);
    const t4 = performance.now();
    return {
      result,
      loaded,
      timings: { read_ms: t1 - t0, index_ms: t2 - t1, check_ms: t4 - t2 },
      threads,
      perThread,
    };
  } finally {
    await Promise.all(started.map((s) => s.worker.terminate()));
  }
}
