import { availableParallelism, freemem } from "node:os";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { FeatureCollection } from "geojson";
import {
  type CheckInput,
  type CheckResult,
  mergeResults,
  prepareChecks,
} from "../core/check/index";
import { arrangedCheckInput, featureRecords, shareInput } from "../core/check/shared-input";
import { claimAndCheck, createChunkBoard } from "./check-chunks";
import { CheckInputError, CheckInternalError, errorLine, shownPath } from "./check-error";
import {
  type CheckSource,
  type InputPlan,
  type LoadAsRead,
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
import { willStream } from "./streamed-layer";
import {
  closeStreamedFiles,
  recordsBatch,
  type StreamedShare,
  streamedShare,
} from "./streamed-records";

/**
 * Threads "auto" checks with: every core when a layer is streamed (a FlatGeobuf or
 * newline-delimited file of 64 MiB or more, or any with `--window`), else one. Measured on this
 * 2-core machine (bench --threads-compare, whole command): a second thread made the check slower at
 * 10 000 × 2 000 and 50 000 × 5 000 zones in GeoJSON (1.33× and 1.05× one thread's time: packing
 * the layers for the worker, its start and its first chunks on unoptimised code cost more than the
 * half of the check it takes), and faster streamed: 200 000 × 20 000 in FlatGeobuf 9.3 s against
 * 9.8 s, 1 000 000 × 100 000 55.1 s against 87.2 s.
 *
 * Every thread holds the streamed layers' attributes and its own window of prepared geometries
 * (a worker's heap was 0.7 GB at 1 000 000 zones), so "auto" takes at most
 * {@link MAX_AUTO_THREADS}, and one more thread per {@link AUTO_THREAD_MEMORY} of free memory
 * only: a many-core machine with little memory left stays on fewer threads.
 */
export function autoThreads(cores: number, streamed: boolean, freeMemory: number): number {
  if (!streamed) return 1;
  const byMemory = 1 + Math.floor(freeMemory / AUTO_THREAD_MEMORY);
  return Math.max(1, Math.min(cores, MAX_AUTO_THREADS, byMemory));
}

/** Threads "auto" takes at most: measured up to 2 (this machine's cores). */
export const MAX_AUTO_THREADS = 4;

/** Free memory "auto" wants for each thread after the first. */
export const AUTO_THREAD_MEMORY = 2 ** 30;

export type RunCheckOptions = {
  source: CheckSource;
  /** Threads checking, main thread included; "auto" adds workers when the check is long enough. */
  workers: number | "auto";
  /** Whether findings keep their geometry (false for CSV, which has no column for it). */
  findingGeometry: boolean;
  /** Script a worker thread runs: a module that calls `workerMain()` when given a check job. */
  workerScript: URL;
  /**
   * Module a worker loads to read a streamed layer (src/cli/check-stream-reader.ts); default:
   * check-stream-reader.mjs beside `workerScript`.
   */
  streamReader?: URL;
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
  /**
   * Main thread phases, ms: read (catalogue, rules, layers), index (prepare), check (all threads);
   * `check_cpu_ms`: CPU time of this process over the check phase, user and system, every thread
   * (workers, and V8's own: it compiles optimised code and collects garbage beside the thread
   * running the code), where the check runs in this process.
   */
  timings: { read_ms: number; index_ms: number; check_ms: number; check_cpu_ms?: number };
  /** Threads started, main included. */
  threads: number;
  /** Phases of the threads that did work, main first. */
  perThread: ThreadTimings[];
};

/** The layers of the plan whose files will be streamed, by id (a proposal never is: read whole). */
export async function streamedLayers(plan: InputPlan): Promise<Set<string>> {
  const files = [...plan.files, ...(plan.districts ? [plan.districts] : [])].filter(
    (f) => !f.table && f.id !== plan.proposal?.layer,
  );
  const streamed = await Promise.all(files.map((f) => willStream(f.path, plan.window)));
  return new Set(files.filter((_, k) => streamed[k]).map((f) => f.id));
}

/**
 * Sends each batch of a streamed layer's records to the workers as its first pass validates it
 * (readInputs' `loadAsRead`), under the layer's id: they take them in while this thread reads on.
 */
export function sendRecords(
  layers: ReadonlySet<string>,
  workers: readonly Pick<Worker, "postMessage">[],
): LoadAsRead {
  const done = () => Promise.resolve();
  return (file) =>
    layers.has(file.id)
      ? {
          // the first pass's own records (made once); a layer read whole after all: made here
          add: async (features, records) => {
            const batch = recordsBatch(file.id, records ?? featureRecords(features));
            for (const worker of workers) worker.postMessage(batch);
          },
          finish: done,
          abandon: done,
        }
      : null;
}

/**
 * How the workers read each streamed layer of what was read, named by its id in the input (the
 * key its records were sent under; two layers may share a file).
 */
export function streamedShares(
  loaded: LoadedInputs,
): (collection: FeatureCollection) => StreamedShare | undefined {
  const ids = new Map<FeatureCollection, string>();
  for (const [id, collection] of Object.entries(loaded.input.layers)) ids.set(collection, id);
  const { districts } = loaded.plan;
  if (loaded.input.districts && districts && !ids.has(loaded.input.districts)) {
    ids.set(loaded.input.districts, districts.id);
  }
  return (collection) => {
    const id = ids.get(collection);
    return id === undefined ? undefined : streamedShare(collection, id);
  };
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
 * Runs the check on one or more threads. The N − 1 workers (`--workers N`; "auto": see
 * {@link autoThreads}) start before the main thread reads anything; the main thread reads and
 * validates the files once, packs the layers' geometries into shared memory (`shareInput`) and
 * sends them to the workers, and every thread, the main one included, checks the same lazily
 * decoded layers (a streamed layer: each worker opens its file again and reads the features it
 * needs): each claims chunks of units (regions of the subject layer, in its spatial order)
 * from shared memory (check-chunks.ts), so it decodes and prepares only the features of its
 * regions. The main thread waits only for workers that claimed chunks, stops the others and
 * merges. The result does not depend on the threads (mergeResults sorts; the engine pins the
 * kernel's grid origin from the input).
 *
 * @throws CheckInputError for bad input, or a rule that cannot run on it (workers are stopped first)
 */
export async function runCheck(options: RunCheckOptions): Promise<RunCheckOutput> {
  const t0 = performance.now();
  const plan = await planInputs(options.source);
  options.beforeRead?.(plan);
  const cores = Math.max(1, availableParallelism());
  const streamed = await streamedLayers(plan);
  const threads =
    options.workers === "auto" ? autoThreads(cores, streamed.size > 0, freemem()) : options.workers;
  const board = createChunkBoard(threads);
  const started: Started[] = [];
  const streamReader = (
    options.streamReader ?? new URL("check-stream-reader.mjs", options.workerScript)
  ).href;
  const streamedFiles = [
    ...new Map(
      [...plan.files, ...(plan.districts ? [plan.districts] : [])]
        .filter((f) => streamed.has(f.id))
        .map((f) => [f.path, { path: f.path, file: shownPath(f.path) }]),
    ).values(),
  ];
  for (let thread = 1; thread < threads; thread++) {
    const job: WorkerJob = { tag: WORKER_TAG, thread, board, streamReader, streamedFiles };
    started.push(startWorker(options.workerScript, job, options.workerLimits));
  }
  try {
    const workers = started.map((s) => s.worker);
    const send = workers.length > 0 ? sendRecords(streamed, workers) : undefined;
    const loaded = await readInputs(plan, undefined, send);
    const read: CheckInput = { ...loaded.input, findingGeometry: options.findingGeometry };
    let input = read;
    if (started.length > 0) {
      // a streamed layer is opened again by each worker, not packed (it may not fit in memory)
      const allocate = (bytes: number) => new SharedArrayBuffer(bytes);
      const share = shareInput(read, allocate, streamedShares(loaded));
      for (const s of started) s.worker.postMessage(share);
      // the main thread keeps its features, indexed and cut into windows as the workers' layers
      input = arrangedCheckInput(read, share);
    }
    const t1 = performance.now();
    const prepared = prepareChecks(input);
    // a rule that cannot run would leave its conflicts out: stop before checking the others
    const stop = problemsStop(prepared.problems, plan);
    if (stop) throw stop;
    const t2 = performance.now();
    const cpu = process.cpuUsage();
    const mine = claimAndCheck(prepared, board, 0);
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
    const { user, system } = process.cpuUsage(cpu);
    return {
      result,
      loaded,
      timings: {
        read_ms: t1 - t0,
        index_ms: t2 - t1,
        check_ms: t4 - t2,
        check_cpu_ms: (user + system) / 1000,
      },
      threads: 1 + started.length,
      perThread,
    };
  } finally {
    await Promise.all(started.map((s) => s.worker.terminate()));
    await closeStreamedFiles();
  }
}
