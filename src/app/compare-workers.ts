import type { CompareWorkerFactory } from "../worker/compare-runner";
import { workerPort } from "./worker-port";

/** Starts the comparison in a module Web Worker (bundled by Vite from src/worker/compare-worker.ts). */
export const startCompareWorker: CompareWorkerFactory = (onMessage, onFailure) =>
  workerPort(
    new Worker(new URL("../worker/compare-worker.ts", import.meta.url), { type: "module" }),
    "compare",
    onMessage,
    onFailure,
  );
