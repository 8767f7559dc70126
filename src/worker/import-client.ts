import type {
  FromImportWorker,
  ImportOverrides,
  ImportReport,
  ImportStage,
  ToImportWorker,
} from "./import-protocol";
import {
  type JobOutcome,
  type JobProtocol,
  OneWorkerRunner,
  type WorkerFactory,
} from "./one-worker-runner";

/** Starts the import worker; `onFailure` hears that it broke (its script failed to load). */
export type ImportWorkerFactory = WorkerFactory<ToImportWorker, FromImportWorker>;

/** How an import ended: its report, cancelled, or failed (a bug: bad files end in a report). */
export type ImportOutcome = JobOutcome<ImportReport>;

/** One input to import: its files, which read they are (same id: reuse it), the overrides. */
export type ImportRequest = {
  files: File[];
  readId: number;
  overrides: ImportOverrides;
  landUseKey: string;
};

const IMPORT_PROTOCOL: JobProtocol<ToImportWorker, FromImportWorker, ImportRequest, ImportReport> =
  {
    start: (runId, request) => ({ type: "import", runId, ...request }),
    cancel: (runId) => ({ type: "cancel", runId }),
    result: (message) => (message.type === "report" ? message.report : undefined),
  };

/**
 * Runs imports on one Web Worker (see {@link OneWorkerRunner}), which keeps the last file it read,
 * so a changed CRS or attribute is not read again (same `readId`). A new import replaces the one in
 * progress; cancel resolves at once.
 */
export class ImportClient {
  private readonly runner: OneWorkerRunner<
    ToImportWorker,
    FromImportWorker,
    ImportRequest,
    ImportReport
  >;
  private nextRead = 1;

  constructor(factory: ImportWorkerFactory) {
    this.runner = new OneWorkerRunner(factory, IMPORT_PROTOCOL);
  }

  /** A fresh read id, for files not read before. */
  newReadId(): number {
    return this.nextRead++;
  }

  /** Reads and prepares `request` on the worker; `onProgress` hears the stage too. */
  run(
    request: ImportRequest,
    onProgress: (stage: ImportStage, done: number, total: number) => void,
  ): Promise<ImportOutcome> {
    return this.runner.run(request, (done, total, message) => {
      if (message.type === "progress") onProgress(message.stage, done, total);
    });
  }

  /** Stops the import in progress, if any: its promise resolves `cancelled` at once. */
  cancel(): void {
    this.runner.cancel();
  }

  dispose(): void {
    this.runner.dispose();
  }
}
