import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  type CheckResult,
  checkPartition,
  mergeResults,
  type PartialResult,
  prepareChecks,
} from "../core/check/index";
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

/**
 * Below this many input bytes one thread is faster: a worker costs ~0.3 s to start (module load,
 * its own read and index), more than it saves on a small check. Measured on the generator's data
 * (scripts/bench.mjs): see the closing note of issue 3.
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
  threads: number;
  /** Phases of every thread, main first. */
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

/**
 * Runs the check on `threads` threads: workers start before the main thread reads anything, each
 * reads and indexes the inputs itself, and every thread checks an interleaved partition of the
 * units (subject feature × rule); the partial results are merged. The result does not depend on the
 * number of threads (mergeResults sorts).
 *
 * @throws CheckInputError for bad input (workers are stopped first)
 */
export async function runCheck(options: RunCheckOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  const threads = threadCount(options.workers, planBytes(plan));
  const started: Started[] = [];
  for (let index = 1; index < threads; index++) {
    const job: WorkerJob = {
      tag: WORKER_TAG,
      source: options.source,
      part: { index, count: threads },
    };
    started.push(startWorker(options.workerScript, job));
  }
  const stopAll = () => Promise.all(started.map((s) => s.worker.terminate()));
  try {
    const loaded = await readInputs(plan);
    const t1 = performance.now();
    const prepared = prepareChecks(loaded.input);
    const t2 = performance.now();
    const mine = checkPartition(prepared, { part: { index: 0, count: threads } });
    const t3 = performance.now();
    const partials: PartialResult[] = [mine];
    const perThread: ThreadTimings[] = [
      { read_ms: t1 - t0, index_ms: t2 - t1, check_ms: t3 - t2, heap_mb: heapMegabytes() },
    ];
    for (const { reply } of started) {
      const r = await reply;
      if (!r.ok) {
        if (r.lines) throw new CheckInputError(r.lines);
        throw new Error(`check worker failed: ${r.message}`);
      }
      partials.push(r.partial);
      perThread.push(r.timings);
    }
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
    await stopAll();
  }
}
