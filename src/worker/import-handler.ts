import { tooLargeText } from "../core/validate/size-limit";
import type { ReadLimits, ReadOptions, ReadResult } from "../io/format-types";
import { SPLIT_ADVICE, unreadable } from "../io/read-problems";
import { formatOfName } from "../io/registry";
import type { SourceFile } from "../io/source-files";
import type {
  FromImportWorker,
  ImportOverrides,
  ImportReport,
  ToImportWorker,
} from "./import-protocol";
import { createRunSlot } from "./run-slot";

/** What the import worker runs: the format registry, then the proposal pipeline over its result. */
export type ImportPipeline = {
  limits: ReadLimits;
  read: (files: SourceFile[], options: ReadOptions) => Promise<ReadResult>;
  /** From a read file to the dialog's report (CRS, land-use attribute, validation). */
  prepare: (
    read: ReadResult,
    overrides: ImportOverrides,
    context: {
      files: string[];
      landUseKey: string;
      signal: AbortSignal;
      onProgress: (done: number, total: number) => void;
    },
  ) => ImportReport | Promise<ImportReport>;
};

type ImportMessage = Extract<ToImportWorker, { type: "import" }>;

/** How the dialog picks one of a file's layers, said by the messages naming them. */
const PICK_LAYER = {
  vi: "chọn lớp khác ở ô “Lớp” phía trên",
  en: "choose another in “Layer” above",
};

/**
 * The message loop of the import worker, without the worker (so it runs in Node tests): reads the
 * files through the registry, keeps what it read for a changed override (same `readId`: no second
 * read), prepares the report, posts progress, and stops a job on `cancel` or when the next job
 * arrives. Files over the size limit are refused before their bytes are read at all.
 */
export function createImportHandler(
  post: (message: FromImportWorker) => void,
  pipeline: ImportPipeline,
): (message: ToImportWorker) => void {
  let cached: { readId: number; layer: string | null; result: ReadResult } | null = null;

  async function readFiles(message: ImportMessage, signal: AbortSignal): Promise<ReadResult> {
    const layer = message.overrides.layer ?? null;
    if (cached?.readId === message.readId && cached.layer === layer) return cached.result;
    cached = null;
    const { runId, files } = message;
    const label = files.map((f) => f.name).join(", ");
    const size = files.reduce((sum, f) => sum + f.size, 0);
    let result: ReadResult;
    if (size > pipeline.limits.maxBytes) {
      const text = tooLargeText(size, { bytes: pipeline.limits.maxBytes, advice: SPLIT_ADVICE });
      const format = formatOfName(files[0]?.name ?? "") ?? "geojson";
      result = unreadable(format, label, "too-large", text);
    } else {
      const sources: SourceFile[] = [];
      for (const file of files) {
        sources.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
        signal.throwIfAborted();
      }
      result = await pipeline.read(sources, {
        limits: pipeline.limits,
        signal,
        pickLayer: PICK_LAYER,
        ...(layer === null ? {} : { layer }),
        onProgress: (done, total) => post({ type: "progress", runId, stage: "read", done, total }),
      });
    }
    cached = { readId: message.readId, layer, result };
    return result;
  }

  const runs = createRunSlot(post);
  return (message) => {
    switch (message.type) {
      case "cancel":
        runs.cancel(message.runId);
        return;
      case "import": {
        const { runId } = message;
        runs.start(runId, async (signal) => {
          const read = await readFiles(message, signal);
          signal.throwIfAborted();
          post({ type: "progress", runId, stage: "prepare", done: 0, total: 1 });
          const report = await pipeline.prepare(read, message.overrides, {
            files: message.files.map((f) => f.name),
            landUseKey: message.landUseKey,
            signal,
            onProgress: (done, total) =>
              post({ type: "progress", runId, stage: "prepare", done, total }),
          });
          return { type: "report", runId, report };
        });
        return;
      }
    }
  };
}
