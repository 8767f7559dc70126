import { CANCEL_GRACE_MS } from "./cancel-grace";

/** The side of a Web Worker a runner needs; a real worker in the page, a stand-in in tests. */
export type WorkerPort<To> = {
  /** Posts `message`; the buffers in `transfer` move with it (the sender loses them). */
  post: (message: To, transfer?: Transferable[]) => void;
  terminate: () => void;
};

/**
 * Starts one worker. `onMessage` hears its replies; `onFailure` hears that the worker itself broke
 * (its script failed to load, or a message could not be read).
 */
export type WorkerFactory<To, From> = (
  onMessage: (message: From) => void,
  onFailure: (message: string) => void,
) => WorkerPort<To>;

/** How a job ended. `elapsedMs`: wall time from `run` to the result, data transfer included. */
export type JobOutcome<Result> =
  | { status: "done"; result: Result; elapsedMs: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

/**
 * Replies every one-job worker sends besides its result, each naming its job: progress, cancelled
 * (it stopped on a `cancel`), error (the job failed as a whole: a bug, not bad data).
 */
export type JobReply =
  | { type: "progress"; runId: number; done: number; total: number }
  | { type: "cancelled"; runId: number }
  | { type: "error"; runId: number; message: string };

/** How a runner speaks to its kind of worker: the messages that start and stop a job, the result. */
export type JobProtocol<To, From extends { type: string; runId: number }, Request, Result> = {
  start: (runId: number, request: Request) => To;
  cancel: (runId: number) => To;
  /** The result a reply carries; undefined for the {@link JobReply} kinds. */
  result: (message: From) => Result | undefined;
};

type Active<From, Result> = {
  runId: number;
  started: number;
  onProgress: (done: number, total: number, message: From) => void;
  resolve: (outcome: JobOutcome<Result>) => void;
};

/**
 * Runs one job at a time on one Web Worker, started on the first job and kept (it may hold what
 * the last job read). A new job replaces the one in progress. Cancel resolves the job `cancelled`
 * at once and asks the worker to stop; a worker that does not confirm within
 * {@link CANCEL_GRACE_MS} (the check pool's grace) is terminated, and one still stopping when the next job comes
 * is replaced by a fresh worker (quicker than waiting for it). Replies of any other job are ignored,
 * so a cancelled job never brings its result in late. Never rejects.
 */
export class OneWorkerRunner<To, From extends { type: string; runId: number }, Request, Result> {
  private port: WorkerPort<To> | null = null;
  /** A cancelled job the worker has not yet confirmed stopping. */
  private stopping: number | null = null;
  private active: Active<From, Result> | null = null;
  private nextRunId = 1;
  private disposed = false;

  constructor(
    private readonly factory: WorkerFactory<To, From>,
    private readonly protocol: JobProtocol<To, From, Request, Result>,
  ) {}

  /** True while a job is in progress. */
  get running(): boolean {
    return this.active !== null;
  }

  /** Runs `request` on the worker; `onProgress` hears done / total and the reply that said so. */
  run(
    request: Request,
    onProgress: (done: number, total: number, message: From) => void = () => {},
  ): Promise<JobOutcome<Result>> {
    if (this.disposed) return Promise.resolve({ status: "failed", message: "runner disposed" });
    this.cancel();
    const runId = this.nextRunId++;
    return new Promise<JobOutcome<Result>>((resolve) => {
      const job: Active<From, Result> = { runId, started: performance.now(), onProgress, resolve };
      this.active = job;
      try {
        if (this.stopping !== null) this.drop();
        this.port ??= this.start();
        this.port.post(this.protocol.start(runId, request));
      } catch (error) {
        // a worker that cannot start, or data that cannot be cloned into it
        this.finish(job, {
          status: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  /** Stops the job in progress, if any; its promise resolves `cancelled` at once. */
  cancel(): void {
    const job = this.active;
    if (!job) return;
    this.active = null;
    job.resolve({ status: "cancelled" });
    const port = this.port;
    if (!port) return;
    this.stopping = job.runId;
    try {
      port.post(this.protocol.cancel(job.runId));
    } catch {
      this.drop();
      return;
    }
    setTimeout(() => {
      if (this.port === port && this.stopping === job.runId) this.drop();
    }, CANCEL_GRACE_MS);
  }

  /** Cancels any job and terminates the worker. */
  dispose(): void {
    this.cancel();
    this.disposed = true;
    this.drop();
  }

  private start(): WorkerPort<To> {
    const port: WorkerPort<To> = this.factory(
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

  private onMessage(port: WorkerPort<To>, message: From): void {
    if (this.port !== port) return;
    const { runId } = message;
    if (this.stopping === runId && message.type !== "progress") this.stopping = null;
    const job = this.active;
    if (!job || job.runId !== runId) return;
    // the protocol's own messages are a result or one of the JobReply kinds
    const reply = message as unknown as JobReply;
    switch (reply.type) {
      case "progress":
        job.onProgress(reply.done, reply.total, message);
        return;
      case "error":
        this.finish(job, { status: "failed", message: reply.message });
        return;
      case "cancelled":
        this.finish(job, { status: "cancelled" });
        return;
    }
    const result = this.protocol.result(message);
    if (result === undefined) return;
    this.finish(job, {
      status: "done",
      result: result as Result,
      elapsedMs: performance.now() - job.started,
    });
  }

  private onFailure(port: WorkerPort<To>, message: string): void {
    if (this.port !== port) return;
    this.drop();
    const job = this.active;
    if (job) this.finish(job, { status: "failed", message });
  }

  private finish(job: Active<From, Result>, outcome: JobOutcome<Result>): void {
    if (this.active === job) this.active = null;
    job.resolve(outcome);
  }
}
