import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import type { FeatureCollection } from "geojson";
import { type PartialResult, prepareChecks } from "../core/check/index";
import { lazyCollection } from "../core/check/lazy-layer";
import { type SharedInput, sharedCheckInput, sharedElsewhere } from "../core/check/shared-input";
import type { RecordLayer } from "../io/stream/record-layer";
import { type ChunkBoard, claimAndCheck } from "./check-chunks";
import { CheckInputError } from "./check-error";
import {
  isRecordsBatch,
  ReceivedRecords,
  type StreamedShare,
  streamedLayout,
} from "./streamed-records";

/** The module of `WorkerJob.streamReader`. */
type StreamReaderModule = typeof import("./streamed-records");

/** Marks the `workerData` of a check worker, so the CLI bundle knows to run as one. */
export const WORKER_TAG = "plan-layers-check-worker";

/**
 * What a worker is started with; the input follows as a message (a {@link SharedInput}) once the
 * main thread has read it, after the records of each streamed layer (`RecordsBatch` messages, sent
 * as they are read): the worker starts while the files are read.
 */
export type WorkerJob = {
  tag: typeof WORKER_TAG;
  /** 1…: which run of chunks is the worker's own (see ChunkBoard). */
  thread: number;
  /**
   * Module (URL) giving `reopenLayer` and `geometryReader` of streamed-records.ts, loaded only
   * for streamed layers (src/cli/check-stream-reader.ts).
   */
  streamReader: string;
  /**
   * The files of the layers the main thread will stream (path, and the file as the user knows
   * it): the worker opens them again while the main thread reads. Opened once the input had
   * come, walking a 200 000-zone file's features in a worker still cold held its first chunk back
   * ~1 s.
   */
  streamedFiles: { path: string; file: string }[];
  board: ChunkBoard;
};

/**
 * Phase times of one thread, milliseconds, and its heap at the end. A worker's read is the time
 * from its start until it holds the input (its module load, then waiting for the main thread).
 */
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
 * What a check worker does: takes the input the main thread read and shared (geometries in shared
 * memory, decoded when used; streamed files opened again, read when used), prepares it, then
 * claims chunks of units until none is left.
 */
async function runWorkerJob(
  job: WorkerJob,
  shared: Promise<SharedInput>,
  received: ReceivedRecords,
  early: EarlyFiles,
): Promise<WorkerReply> {
  try {
    const share = await shared;
    const streamed = sharedElsewhere(share) as StreamedShare[];
    const opened: FeatureCollection[] = [];
    for (const layer of streamed) {
      const { module, layer: records } = await early.open(layer.path, layer.file);
      const reader = module.geometryReader(records, layer.choice);
      const layout = streamedLayout(layer.boxes);
      opened.push(lazyCollection(received.of(layer), reader, layer.window, layout));
    }
    const input = sharedCheckInput(share, { opened });
    const t1 = performance.now();
    const prepared = prepareChecks(input);
    const t2 = performance.now();
    const { partial, claimed } = claimAndCheck(prepared, job.board, job.thread);
    const t3 = performance.now();
    const timings = {
      read_ms: t1,
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
  } finally {
    await early.close();
  }
}

/**
 * The streamed layers' files this worker opens again, from its start (`WorkerJob.streamedFiles`),
 * while the main thread reads them; each path once, whichever layers read it.
 */
class EarlyFiles {
  private module: Promise<StreamReaderModule> | null = null;
  private readonly files = new Map<string, Promise<RecordLayer | { failed: unknown }>>();

  constructor(private readonly job: WorkerJob) {
    for (const { path, file } of job.streamedFiles) this.start(path, file);
  }

  /** The stream reader's module, imported once. */
  private reader(): Promise<StreamReaderModule> {
    this.module ??= import(this.job.streamReader) as Promise<StreamReaderModule>;
    return this.module;
  }

  private start(path: string, file: string) {
    // kept as a value, not a rejection: a file not needed after all must not fail the worker
    const opened = this.reader()
      .then((m) => m.reopenLayer(path, file))
      .catch((failed: unknown) => ({ failed }));
    this.files.set(path, opened);
    return opened;
  }

  /** The layer of the file at `path` and its module, opened now if it was not opened early. */
  async open(path: string, file: string) {
    const opened = await (this.files.get(path) ?? this.start(path, file));
    if ("failed" in opened) throw opened.failed;
    return { module: await this.reader(), layer: opened };
  }

  /** Closes every file opened, once those still opening are open. */
  async close(): Promise<void> {
    if (!this.module) return;
    await Promise.all(this.files.values());
    await (await this.reader()).closeStreamedFiles();
  }
}

/** Entry of a worker thread started by `runCheck`: runs the job, posts the reply. */
export async function workerMain(): Promise<void> {
  const port = parentPort;
  if (!isWorkerJob(workerData) || !port) return;
  const received = new ReceivedRecords();
  const shared = new Promise<SharedInput>((resolve) => {
    const take = (message: unknown) => {
      if (isRecordsBatch(message)) {
        received.add(message);
        return;
      }
      port.off("message", take);
      resolve(message as SharedInput);
    };
    port.on("message", take);
  });
  const early = new EarlyFiles(workerData);
  port.postMessage(await runWorkerJob(workerData, shared, received, early));
}
