import type { CompareWorkerFactory } from "../worker/compare-runner";

/** Starts the comparison in a module Web Worker (bundled by Vite from src/worker/compare-worker.ts). */
export const startCompareWorker: CompareWorkerFactory = (onMessage, onFailure) => {
  const worker = new Worker(new URL("../worker/compare-worker.ts", import.meta.url), {
    type: "module",
  });
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onFailure(event.message || "compare worker failed to start");
  };
  worker.onmessageerror = () => onFailure("compare worker sent a message that could not be read");
  return {
    post: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
};
