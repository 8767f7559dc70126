import type { ImportWorkerFactory } from "../worker/import-client";
import { workerPort } from "./worker-port";

/** Starts the import worker (bundled by Vite from src/worker/import-worker.ts). */
export const startImportWorker: ImportWorkerFactory = (onMessage, onFailure) =>
  workerPort(
    new Worker(new URL("../worker/import-worker.ts", import.meta.url), { type: "module" }),
    "import",
    onMessage,
    onFailure,
  );
