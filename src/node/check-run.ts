import { availableParallelism } from "node:os";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { type CheckResult, mergeResults, prepareChecks } from "../core/check/index";
import { chunksLeft, claimAndCheck, createChunkBoard } from "./check-chunks";
import { CheckInputError, CheckInternalError, errorLine } from "./check-error";
import {
  type CheckSource,
  type InputPlan,
  type LoadedInputs,
  planInputs,
  readInputs,
} from "./check-inputs";
import { problemsStop } from "./check-problems";
import {
  heapMegabytes,
  type ThreadTimings,
  WORKER_TAG,
  type WorkerJob,
  type WorkerReply,
} from "./check-worker";

/**
 * "auto" starts workers only when the check still to do is projected to take this many times longer
 * than a worker needs to get ready. A worker repeats the main thread's start-up, read and index
 * (its own module load and parse: cheaper than cloning parsed layers, measured), and on the 2-vCPU
 * machine of the benchmark a second thread adds only ~1.35× throughput (one Node thread already
 * keeps ~1.3 cores busy with V8's GC and compiler threads), so it pays only when the check dwarfs
 * the set-up. Measured with npm run bench -- --threads-compare: see the closing note of issue 3.
 */
export const WORKER_PAYBACK = 2;

/**
 * The main thread projects the rest of the check from the chunks between these shares of the work:
 * the first chunks run on cold code (interpreter, then JIT) and took several times longer than
 * later ones, so a projection that included them started workers that could not repay themselves.
 */
const PROBE_FROM = 1 / 8;
const PROBE_TO = 1 / 4;

export type RunCheckOptions = {
  source: CheckSource;
  /** Threads checking, main thread included; "auto" adds workers when the check is long enough. */
  workers: number | "auto";
  /** Whether findings keep their geometry (false for CSV, which has no column for it). */
  findingGeometry: boolean;
  /** Script a worker thread runs: a module that calls `workerMain()` when given a check job. */
  workerScript: URL;
  /**
   * Called once the files to read are known, before any is read or a worker starts: may throw to
   * refuse the run (the command refuses an `--out` that is one of these files).
   */
  beforeRead?: (plan: InputPlan) => void;
  /** Heap and stack limits of each worker (Node's defaults when absent; tests set tight ones). */
  workerLimits?: ResourceLimits;
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

/**
 * Whether "auto" should add workers, from what the main thread measured: `setupMs` (start-up, read
 * and index: what a worker repeats before it can help), the time its first chunks took and the
 * chunks left.
 */
export function worthWorkers(setupMs: number, msPerChunk: number, left: number): boolean {
  return msPerChunk * left > WORKER_PAYBACK * setupMs;
}

type Started = { worker: Worker; reply: Promise<WorkerReply> };

function startWorker(script: URL, job: WorkerJob, resourceLimits?: ResourceLimits): Started {
  const worker = new Worker(script, {
    workerData: job,
    ...(resourceLimits ? { resourceLimits } : {}),
  });
  const reply = new Promise<WorkerReply>((resolve) => {
    worker.once("message", (message: WorkerReply) => resolve(message));
    worker.once("error", (error: NodeJS.ErrnoException) => {
      const failure = { ok: false, lines: null, message: error.stack ?? error.message } as const;
      resolve(error.code ? { ...failure, code: error.code } : failure);
    });
    worker.once("exit", (code) =>
      resolve({ ok: false, lines: null, message: `check worker exited with code ${code}` }),
    );
  });
  return { worker, reply };
}

/** What a failed worker means for the command: bad input (exit 2) or an internal failure (exit 3). */
function failed(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.lines) return new CheckInputError(reply.lines);
  const text =
    reply.code === "ERR_WORKER_OUT_OF_MEMORY"
      ? {
          vi: "một luồng kiểm tra hết bộ nhớ; chạy lại với --workers 1 hoặc cho Node thêm bộ nhớ (NODE_OPTIONS=--max-old-space-size=8192)",
          en: "a check worker ran out of memory; run again with --workers 1 or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)",
        }
      : {
          vi: "một luồng kiểm tra dừng bất thường; kết quả không đầy đủ nên không được ghi",
          en: "a check worker stopped abnormally; the findings would be incomplete, so none are written",
        };
  return new CheckInternalError([errorLine("npm run check", text)], reply.message);
}

/**
 * Runs the check on one or more threads. With `--workers N` the N − 1 workers start before the main
 * thread reads anything; with "auto" the main thread starts alone and, a quarter of the way through,
 * adds workers if the rest of the check is long enough to repay them (see WORKER_PAYBACK). Each worker
 * reads and indexes the inputs itself, then every thread claims chunks of the units from a shared
 * counter (check-chunks.ts). The main thread waits only for workers that claimed chunks, stops the
 * others and merges. The result does not depend on the threads (mergeResults sorts; the engine
 * pins the kernel's grid origin from the input).
 *
 * @throws CheckInputError for bad input, or a rule that cannot run on it (workers are stopped first)
 */
export async function runCheck(options: RunCheckOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  options.beforeRead?.(plan);
  const cores = Math.max(1, availableParallelism());
  const maxThreads = options.workers === "auto" ? cores : options.workers;
  const board = createChunkBoard(maxThreads);
  const started: Started[] = [];
  const startWorkers = (count: number) => {
    for (let i = 0; i < count; i++) {
      const job: WorkerJob = {
        tag: WORKER_TAG,
        source: options.source,
        findingGeometry: options.findingGeometry,
        board,
      };
      started.push(startWorker(options.workerScript, job, options.workerLimits));
    }
  };
  if (options.workers !== "auto") startWorkers(options.workers - 1);
  try {
    const loaded = await readInputs(plan);
    const t1 = performance.now();
    const prepared = prepareChecks({ ...loaded.input, findingGeometry: options.findingGeometry });
    // a rule that cannot run would leave its conflicts out: stop before checking the others
    const stop = problemsStop(prepared.problems, plan);
    if (stop) throw stop;
    const t2 = performance.now();
    const from = Math.max(1, Math.round(board.chunks * PROBE_FROM));
    const to = Math.max(from + 1, Math.round(board.chunks * PROBE_TO));
    let fromTime = 0;
    const decide =
      options.workers === "auto" && cores > 1
        ? (claimed: number) => {
            if (claimed === from) fromTime = performance.now();
            if (claimed !== to) return;
            const msPerChunk = (performance.now() - fromTime) / (to - from);
            // performance.now() counts from process start: the module load, read and index a
            // worker would repeat
            if (worthWorkers(t2, msPerChunk, chunksLeft(board))) startWorkers(cores - 1);
          }
        : undefined;
    const mine = claimAndCheck(prepared, board, decide);
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
      threads: 1 + started.length,
      perThread,
    };
  } finally {
    await Promise.all(started.map((s) => s.worker.terminate()));
  }
}
