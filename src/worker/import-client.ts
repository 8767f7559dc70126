import type {
  FromImportWorker,
  ImportOverrides,
  ImportReport,
  ImportStage,
  ToImportWorker,
} from "./import-protocol";

/** The side of the import worker the client needs; a Web Worker in the page, a stand-in in tests. */
export type ImportWorkerPort = {
  post: (message: ToImportWorker) => void;
  terminate: () => void;
};

/** Starts the worker; `onFailure` hears that the worker itself broke (its script failed to load). */
export type ImportWorkerFactory = (
  onMessage: (message: FromImportWorker) => void,
  onFailure: (message: string) => void,
) => ImportWorkerPort;

export type ImportOutcome =
  | { status: "report"; report: ImportReport }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

/** One input to import: its files, which read they are (same id: reuse it), the overrides. */
export type ImportRequest = {
  files: File[];
  readId: number;
  overrides: ImportOverrides;
  landUseKey: string;
};

/** How long a cancelled worker may take to stop before it is terminated, ms. */
export const IMPORT_CANCEL_GRACE_MS = 1500;

type Active = {
  jobId: number;
  onProgress: (stage: ImportStage, done: number, total: number) => void;
  resolve: (outcome: ImportOutcome) => void;
};

/**
 * Runs imports on one Web Worker, started on the first import and kept (it holds the last file it
 * read, so a changed CRS or attribute is not read again). One job at a time: a new one replaces
 * the one in progress. Cancel resolves at once; a worker that does not confirm within
 * {@link IMPORT_CANCEL_GRACE_MS} is terminated and replaced on the next import.
 */
export class ImportClient {
  private port: ImportWorkerPort | null = null;
  private active: Active | null = null;
  /** A cancelled job the worker has not yet confirmed stopping. */
  private stopping: number | null = null;
  private nextJob = 1;
  private nextRead = 1;

  constructor(private readonly factory: ImportWorkerFactory) {}

  /** A fresh read id, for files not read before. */
  newReadId(): number {
    return this.nextRead++;
  }

  run(
    request: ImportRequest,
    onProgress: (stage: ImportStage, done: number, total: number) => void,
  ): Promise<ImportOutcome> {
    this.cancel();
    if (this.stopping !== null) this.drop();
    const jobId = this.nextJob++;
    return new Promise<ImportOutcome>((resolve) => {
      this.active = { jobId, onProgress, resolve };
      try {
        this.port ??= this.start();
        this.port.post({ type: "import", jobId, ...request });
      } catch (error) {
        this.finish({
          status: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  /** Stops the job in progress, if any: its promise resolves `cancelled` at once. */
  cancel(): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    active.resolve({ status: "cancelled" });
    const port = this.port;
    if (!port) return;
    this.stopping = active.jobId;
    port.post({ type: "cancel", jobId: active.jobId });
    setTimeout(() => {
      if (this.port === port && this.stopping === active.jobId) this.drop();
    }, IMPORT_CANCEL_GRACE_MS);
  }

  dispose(): void {
    this.cancel();
    this.drop();
  }

  private start(): ImportWorkerPort {
    const port: ImportWorkerPort = this.factory(
      (message) => {
        if (this.port === port) this.onMessage(message);
      },
      (message) => {
        if (this.port !== port) return;
        this.drop();
        this.finish({ status: "failed", message });
      },
    );
    return port;
  }

  private drop(): void {
    this.port?.terminate();
    this.port = null;
    this.stopping = null;
  }

  private onMessage(message: FromImportWorker): void {
    if (this.stopping === message.jobId && message.type !== "progress") this.stopping = null;
    if (this.active?.jobId !== message.jobId) return;
    switch (message.type) {
      case "progress":
        this.active.onProgress(message.stage, message.done, message.total);
        return;
      case "report":
        this.finish({ status: "report", report: message.report });
        return;
      case "error":
        this.finish({ status: "failed", message: message.message });
        return;
      case "cancelled":
        this.finish({ status: "cancelled" });
        return;
    }
  }

  private finish(outcome: ImportOutcome): void {
    const active = this.active;
    this.active = null;
    active?.resolve(outcome);
  }
}
